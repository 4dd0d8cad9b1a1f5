## The bank account and DigiLocker Aadhaar steps.

bank-intro = We send ₹1 to your account to confirm it is yours and that the name matches. Only the last four digits of the number are kept.
bank-holder-name = Account holder's name
bank-account-number = Account number
bank-account-number-again = Account number again
bank-ifsc-where = (on your cheque book or passbook, e.g. HDFC0001234)
bank-ifsc-hint = should be 11 characters: 4 letters, a zero, then 6 letters or digits (e.g. HDFC0001234)
bank-checking = Checking with your bank…
bank-verify = Verify account

digilocker-title = Aadhaar from DigiLocker
digilocker-intro = You sign in to DigiLocker (the Government of India's document wallet) and allow it to share your e-Aadhaar: name, date of birth, gender, address and photo. Only the last four digits of your Aadhaar number are kept.
digilocker-name = Your name as on your Aadhaar
digilocker-date-of-birth = Your date of birth
digilocker-opening = Opening DigiLocker…
digilocker-continue = Continue to DigiLocker

## Shared by both check steps.

check-attempt = Attempt { $attempt } of { $max_attempts }
check-no-attempts-left = No more attempts are left for this step. The company that sent your link will contact you.

## What became of an online check, as the customer reads it.

check-digilocker-consent-denied = You did not allow access to your DigiLocker. You can try again.
check-digilocker-not-linked = Your Aadhaar is not linked to your DigiLocker account. Link it in the DigiLocker app, then try again.
check-digilocker-no-aadhaar = Your DigiLocker account has no e-Aadhaar yet. Add it in the DigiLocker app, then try again.
check-digilocker-not-verified = The Aadhaar document DigiLocker sent could not be verified, so it was not accepted. You can try again.
check-digilocker-sign-in-failed = The DigiLocker sign-in could not be completed. Please start it again.
check-waiting = We are waiting for the answer; this page updates by itself.
check-passed = Verified.
check-to-review = Received: our team will check the details.
check-unavailable = The service did not answer. Please try again in a few minutes.
check-bank-name-mismatch = The account holder's name at the bank does not match the name you entered.
check-bank-failed = The bank could not verify this account. Check the number and IFSC.
