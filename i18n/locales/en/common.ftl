## Shared by every customer page.

lang-name-en = English
lang-name-hi = हिन्दी
language-switch-label = Language
language-switch-submit = Change language
loading = Loading…
continue = Continue
back = Back
retry = Retry
cancel = Cancel
close = Close
remove = Remove
saving = Saving…
files-count = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
brand-digilocker = DigiLocker
brand-aadhaar = Aadhaar
skip-to-content = Skip to the main content

## Steps, documents and their parts, as the customer reads them.

step-documents = Documents
step-digilocker_aadhaar = DigiLocker Aadhaar
step-bank_account = Bank account
step-selfie = Selfie
step-signature = Signature
step-sanction_screening = Sanction screening
doc-type-passport = Passport
doc-type-driving_licence = Driving licence
doc-type-voter_id = Voter ID
doc-type-pan = PAN card
doc-type-aadhaar = Aadhaar
doc-type-utility_bill = Utility bill
doc-type-bank_statement = Bank statement
doc-type-rental_agreement = Rental agreement
doc-side-front = Front
doc-side-back = Back
doc-side-whole = PDF
doc-category-identity = Identity proof
doc-category-address = Address proof
rejection-blurry = The image is blurry or unreadable
rejection-expired = The document has expired
rejection-wrong_category = This document is not accepted here
rejection-name_mismatch = The name does not match
rejection-suspected_tampering = The document could not be accepted
rejection-other = The document could not be accepted
load-failed = This page did not finish loading, so some of its buttons may not work. What you have done so far is saved.
load-failed-reload = Reload the page
