## What still stops submission.

missing-consent = Please read and accept the consent first.
missing-documents = { $category }: add { $count ->
    [one] { $count } more document
   *[other] { $count } more documents
}.
missing-incomplete-front = { $document }: add the front side, or remove it.
missing-incomplete-back = { $document }: add the back side, or remove it.
missing-incomplete-whole = { $document }: add the PDF, or remove it.
missing-selfie = Take a selfie.
missing-signature = Draw and save your signature.
missing-bank = Verify your bank account.
missing-digilocker = Connect DigiLocker to share your Aadhaar.
missing-waiting = { $step }: we are waiting for the answer; this page updates by itself.
missing-step = { $step }: still to do.
missing-nothing = There is nothing to submit right now.

## Review and submit.

submit-title = Review and submit
submit-ready = Ready
submit-go-to = Go to { $step }
submit-done = Submitted successfully.
submit-done-email = We have emailed you a confirmation. You can come back with the same link to see the status.
submit-see-status = See status
submit-submit = Submit
submit-confirm-title = Submit your verification?
submit-confirm-text = After you submit, your documents, selfie and signature go to review and cannot be changed unless the reviewer asks you to.
submit-confirm-yes = Yes, submit
submit-go-back = Go back
