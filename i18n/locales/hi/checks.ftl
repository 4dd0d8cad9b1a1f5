## बैंक खाता और DigiLocker आधार वाले चरण।

bank-intro = हम आपके खाते में ₹1 भेजते हैं, ताकि पुष्टि हो सके कि खाता आपका है और नाम मेल खाता है। खाता संख्या के केवल आख़िरी चार अंक रखे जाते हैं।
bank-holder-name = खाताधारक का नाम
bank-account-number = खाता संख्या
bank-account-number-again = खाता संख्या दोबारा लिखें
bank-ifsc-where = (आपकी चेकबुक या पासबुक पर लिखा होता है, जैसे HDFC0001234)
bank-ifsc-hint = IFSC में 11 वर्ण होने चाहिए: पहले 4 अक्षर, फिर एक शून्य (0), फिर 6 अक्षर या अंक (जैसे HDFC0001234)
bank-checking = आपके बैंक से जाँच की जा रही है…
bank-verify = खाता सत्यापित करें

digilocker-title = DigiLocker से आधार
digilocker-intro = आप DigiLocker (भारत सरकार का दस्तावेज़ वॉलेट) में साइन इन करते हैं और उसे अपना ई-आधार साझा करने की अनुमति देते हैं: नाम, जन्म तिथि, लिंग, पता और फ़ोटो। आपके आधार नंबर के केवल आख़िरी चार अंक रखे जाते हैं।
digilocker-name = आपका नाम, जैसा आपके आधार पर लिखा है
digilocker-date-of-birth = आपकी जन्म तिथि
digilocker-opening = DigiLocker खोला जा रहा है…
digilocker-continue = DigiLocker पर आगे बढ़ें

## दोनों जाँच वाले चरणों में।

check-attempt = प्रयास { $attempt } ({ $max_attempts } में से)
check-no-attempts-left = इस चरण के लिए अब कोई प्रयास बाक़ी नहीं है। जिस कंपनी ने आपको लिंक भेजा है, वह आपसे संपर्क करेगी।

## ऑनलाइन जाँच का नतीजा, जैसे ग्राहक पढ़ता है।

check-digilocker-consent-denied = आपने अपने DigiLocker तक पहुँच की अनुमति नहीं दी। आप फिर से कोशिश कर सकते हैं।
check-digilocker-not-linked = आपका आधार आपके DigiLocker खाते से जुड़ा नहीं है। इसे DigiLocker ऐप में जोड़ें, फिर दोबारा कोशिश करें।
check-digilocker-no-aadhaar = आपके DigiLocker खाते में अभी ई-आधार नहीं है। इसे DigiLocker ऐप में जोड़ें, फिर दोबारा कोशिश करें।
check-digilocker-not-verified = DigiLocker से मिले आधार दस्तावेज़ का सत्यापन नहीं हो सका, इसलिए इसे स्वीकार नहीं किया गया। आप फिर से कोशिश कर सकते हैं।
check-digilocker-sign-in-failed = DigiLocker में साइन-इन पूरा नहीं हो सका। कृपया इसे फिर से शुरू करें।
check-waiting = हम जवाब की प्रतीक्षा कर रहे हैं; यह पन्ना अपने आप अपडेट होगा।
check-passed = सत्यापित।
check-to-review = मिल गया: हमारी टीम विवरण की जाँच करेगी।
check-unavailable = सेवा से जवाब नहीं मिला। कृपया कुछ मिनट बाद फिर से कोशिश करें।
check-bank-name-mismatch = बैंक में दर्ज खाताधारक का नाम आपके लिखे नाम से मेल नहीं खाता।
check-bank-failed = बैंक इस खाते का सत्यापन नहीं कर सका। खाता संख्या और IFSC जाँच लें।
