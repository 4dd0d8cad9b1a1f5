## Help for the customer: questions and answers on their verification.

support-title = Need help?
support-open = Open
support-closed = Closed
support-from-staff = Support
support-from-you = You
support-file-attached = File attached
support-your-answer = Your answer
support-send = Send
support-ask = Ask a question
support-subject = Subject
support-message = Message
support-attach = Attach a photo or PDF (optional)
support-send-question = Send question
support-file-not-sent = Your question was sent, but the file was not: { $message }
# Around the merchant's support address: "You can also write to <address>."
support-write-to = You can also write to
support-write-to-end = .
