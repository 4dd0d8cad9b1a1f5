## Emails to the customer.

email-hello = Hello { $name },
email-copy-address = Or copy this address into your browser:
email-received-subject = { $merchant }: we have received your verification
email-received-thanks = Thank you. Your identity verification for { $merchant } has been submitted successfully.
email-received-next = Our team will now review what you sent. You can check the status at any time with the link you received; we will email you if anything else is needed.
email-received-why = You are receiving this email because you verified your identity with us.
email-sent-back-subject = { $merchant }: please upload a new document
email-sent-back-intro = { $merchant } has reviewed your verification and needs you to upload again:
email-sent-back-how = Open the link you received earlier to upload a new document. If the link no longer works, ask us for a new one.
email-reply-subject = { $merchant }: reply to "{ $subject }"
email-reply-intro = { $merchant } support replied to your question "{ $subject }":
email-reply-how = You can answer from your verification page, with the link you received.
email-redo-subject = { $merchant }: please redo one step
email-redo-intro = { $merchant } has reviewed your verification and asks you to redo this step: { $step }.
email-redo-how = Open the link you received earlier to do it. If the link no longer works, ask us for a new one.
email-completed-subject = { $merchant }: your verification is complete
email-completed-body = Your identity verification for { $merchant } is complete. Thank you.
email-rejected-subject = { $merchant }: your verification could not be accepted
email-rejected-body = We are sorry: your identity verification for { $merchant } could not be accepted. If you think this is a mistake, please contact { $merchant }.
email-invite-subject = { $merchant }: please verify your identity
email-invite-body = { $merchant } asks you to verify your identity. It takes a few minutes: you will upload your documents and complete the steps on your phone or computer.
email-invite-expires = The link works until { $expires }. Do not share it: it opens your verification.
email-invite-open = Open this link to start:
email-invite-button = Start verification
