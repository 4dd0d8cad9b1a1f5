## The journey page: its head, the merchant's summary of where things stand.

journey-page-title = Verify your identity · { $merchant }
journey-heading = Identity verification
# Around the link's expiry time: "This link is valid until <time>."
journey-valid-until-before = This link is valid until{ " " }
journey-valid-until-after = .
journey-step-not-available = This step cannot be completed online yet. The company that sent your link will contact you about it.
journey-status-submitted = Thank you. { $merchant } is checking what you sent; you will get an email when there is news.
journey-status-open = { $merchant } asks you to verify your identity. Complete the steps below.
journey-status-completed = Your verification is complete. Thank you.
journey-status-rejected = Your verification was not successful. Please contact { $merchant }.
journey-status-expired = This link has expired. Please ask { $merchant } for a new one.

## Links that cannot be used: invalid, withdrawn, or another link opened mid-verification.

link-invalid-title = Link not valid
link-invalid-heading = This link is not valid
link-invalid-reason = The verification link you used is incomplete, has been replaced by a newer one, or does not exist.
link-invalid-advice = Please use the latest link you received, or ask the company that sent it for a new one.
link-withdrawn-title = Link withdrawn
link-withdrawn-heading = This link was withdrawn
link-withdrawn-reason = The company that sent it has withdrawn this verification link, so nothing of it is shown any more.
link-withdrawn-advice = If you still need to verify your identity, please ask them for a new link.
link-switch-title = Another verification link
link-switch-heading = You opened another verification link
link-switch-question = This browser is already in the middle of a verification. Did you mean to start the one from the link you just opened?
link-switch-new = Continue with the new link
link-switch-keep = Keep the verification I was doing

## The consent notice: legal text the customer agrees to.

consent-title = Before you start
consent-intro = { $merchant } asks you to verify your identity. This is what you will share and why:
# Each purpose is "<strong>what is collected</strong>, why." The reason carries the comma
# before it and the full stop after it.
consent-collect-documents = Photos or PDFs of your identity and address documents
consent-why-documents = , to confirm who you are and where you live.
consent-collect-selfie = A photo of your face
consent-why-selfie = , to match you with the photo on your documents.
consent-collect-signature = Your signature
consent-why-signature = , to confirm that you made this application.
consent-collect-digilocker = Your Aadhaar details from DigiLocker (name, date of birth, gender, address, photo; only the last 4 digits of the number)
consent-why-digilocker = , to verify your identity with the government record.
consent-collect-bank = Your bank account number and IFSC
consent-why-bank = , to confirm the account is in your name, with a small test deposit.
consent-collect-screening = Your name, checked against official sanctions lists
consent-why-screening = , because the law requires it.
consent-privacy = Only { $merchant } and its compliance reviewers see what you send. Files are stored encrypted and kept only as long as the law requires. You can ask { $merchant } for a copy or for deletion.
consent-agree-label = I have read this and I agree to share this information.
consent-agree-submit = Agree and continue

## The progress indicator over the steps.

progress-label = Progress
progress-status = Status
progress-review = Review and submit
# Read by screen readers after the step's name, e.g. "Selfie, step 2 of 4, done".
progress-position = , step { $number } of { $total }, { $status }
progress-state-done = done
progress-state-ready = ready
progress-state-todo = to do

## The status panel: each step's and document's state.

status-title = Status
# Around the submission time: "Submitted on <time>. We will email you when there is news."
status-submitted-before = Submitted on{ " " }
status-submitted-after = . We will email you when there is news.
status-step-not-started = Not started
status-step-in-progress = In progress
status-step-completed = Completed
status-step-failed = Not successful
status-step-action-needed = Action needed
status-step-being-checked = Being checked
status-documents = Your documents
status-document-pending = Pending
status-document-approved = Approved
status-document-rejected = Rejected
status-attention = Something needs your attention.
status-go-to = Go to { $step }
# Before a reviewer's own words, which are shown as written.
status-reviewer-message = Message from the reviewer:{ " " }

## A page that does not exist.

not-found-heading = Page not found
not-found-home = Go to the start page

## Continuing on the phone (shown on a computer's screen)
handoff-title = Continue on your phone
handoff-intro = Photos of your documents and a selfie are easier to take with a phone. Scan a code with your phone's camera to carry on there; this page follows your progress.
handoff-show-code = Show a code for my phone
handoff-qr-alt = QR code that opens this verification on your phone
handoff-scan = Scan this code with your phone's camera.
handoff-address = Or open this address on your phone:
handoff-valid-before = The code works once, until{ " " }
handoff-valid-after = .
handoff-waiting = Waiting for your phone…
handoff-used = Your phone has taken over. This page shows your progress as you go.
handoff-new-code = Show a new code
handoff-expired = This code has expired. Show a new one to continue on your phone.
## The page a hand-off code opens on the phone
handoff-here-title = Continue here
handoff-here-heading = Continue your verification on this device?
handoff-here-text = You opened a code shown on another screen. It works once: use it on the device you want to go on with.
handoff-here-continue = Continue on this device
