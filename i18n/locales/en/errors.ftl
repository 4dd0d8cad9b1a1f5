## What a customer is told when something cannot be done.

error-unauthenticated = Please sign in to continue.
error-forbidden = You do not have permission to do that.
error-not-found = Not found.
error-two-factor-required = Your organisation requires two-factor sign-in. Set it up on your account's security page to continue.
error-invalid = Please correct the highlighted fields.
error-too-many-attempts = Too many attempts. Please wait a few minutes and try again.
error-link-invalid = This link is no longer valid.
error-link-expired = This link has expired. Please ask the company that sent it for a new one.
error-link-withdrawn = This link was withdrawn by the company that sent it. If you still need to verify, please ask them for a new one.
error-unready = Some things are still missing.
error-file-too-large = The file is too large. The limit is { $megabytes } MB.
error-busy = We are busy right now. Please try again in a moment.
error-internal = Something went wrong on our side. If it persists, quote error { $id }.
error-request = The request could not be completed. Please reload the page and try again.
error-journey-closed = This verification is closed; nothing more can be changed.
error-under-review = What you sent is being reviewed, so it cannot be changed now.
error-no-retries = No more attempts are left for this step.
error-not-now = That is not possible at this point.
error-choose-side = Choose which side of the document this is.
error-choose-type = Choose a document type.
error-signature-png = The signature must be sent as a PNG image.

## A rule of the journey that refused what the customer tried (ids from the rule's code).

refused-consent-required = Please read and accept the consent first.
refused-type-not-accepted = This type of document is not accepted for this category.
refused-too-many-documents = You have added as many documents as allowed. Remove one to add another.
refused-document-submitted = This document has been submitted and cannot be changed.
refused-side-not-accepted = That side is already there, or a PDF was mixed with photos. Remove the document and add it again.
refused-side-taken = That side is already there, or a PDF was mixed with photos. Remove the document and add it again.
refused-not-a-check-step = That is not possible at this point.
refused-not-a-capture-step = That is not possible at this point.
refused-check-waiting = We are still waiting for the answer to your last try.
refused-digilocker-unavailable = DigiLocker is not available here yet. The company that sent your link will contact you about it.
refused-journey-ended = This verification has ended: nothing more can be added, and its files are no longer shown.
refused-ticket-closed = This question has been closed. Please ask a new one.
error-stale = This record changed while you were looking at it. Reload and try again.

## A field of a form that needs correcting (shown beside the field).

field-required = is required
field-too-short = needs at least { $number } characters
field-too-long = must be at most { $number } characters
field-control-characters = must not contain control characters
field-name-letters = must contain letters
field-ifsc = should be 11 characters: 4 letters, a zero, then 6 letters or digits (e.g. HDFC0001234)
field-account-number = should be 9 to 18 digits
field-account-number-again = does not match the account number
field-ticket-subject = say in a few words what it is about
field-one-line = must be one line of text
field-ticket-message = write your message
field-date-of-birth = enter your date of birth as on your Aadhaar

## An upload the server refused.

upload-refused-empty = The file is empty. Please choose the file again.
upload-refused-type = This file is not a JPEG, PNG or PDF. Please upload a photo or a PDF.
upload-refused-disguised = The file says it is a { $declared } but it is a { $actual }. Please choose the file again.
upload-refused-damaged = The file seems to be damaged or incomplete. Please choose the file again or take a new photo.
upload-refused-too-many-pixels = This image is too large to process. Please take a new photo or upload a smaller image.
upload-refused-deep-colour = This image uses 16 bits per colour, which is not accepted. Please upload an ordinary photo (JPEG) or a standard PNG.
upload-refused-too-small = This image is too small to read. Please take a closer, sharper photo.
upload-refused-signature-empty = The signature is empty. Please sign in the box.
upload-refused-full = This verification can hold at most { $megabytes } MB of files, and it is full.
upload-refused-interrupted = The upload was interrupted. Please try again.
upload-kind-jpeg = JPEG image
upload-kind-png = PNG image
upload-kind-pdf = PDF
