## The documents step: what to send, the documents sent so far, and adding more.

doc-intro = Take clear photos (JPEG or PNG) or choose a PDF, up to 10 MB each. Cards with details on the back need both sides.
doc-still-needed = Still needed
# After a category's name, e.g. "Identity proof (at least 1)".
doc-minimum = (at least { $count })
doc-choose-type = Document type
doc-not-submitted = Not yet submitted
doc-pdf = PDF document
# What a screen reader says for a photo of a document, e.g. "Passport, Front".
doc-preview-alt = { $document }, { $side }
# Ends the reviewer's reason for refusing a document when it has no punctuation of its own.
doc-full-stop = .
# Follows the reviewer's reason for refusing a document.
doc-add-replacement = Please add a replacement below.
doc-remove = Remove { $document }

## Sending a file.

upload-front-or-pdf = Add a photo of the front, or a PDF
upload-back = Add a photo of the back
upload-in-progress = Uploading…
upload-unreadable = The file could not be read. Please choose it again.
upload-not-sent = The upload did not reach us. Check your connection and try again.
# $status is the HTTP status code, e.g. 502.
upload-failed = The upload failed (error { $status }). Please try again.
