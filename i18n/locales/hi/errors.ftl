## जब कोई काम नहीं हो सकता, तो ग्राहक को क्या बताया जाता है।

error-unauthenticated = आगे बढ़ने के लिए कृपया साइन इन करें।
error-forbidden = आपको यह करने की अनुमति नहीं है।
error-not-found = नहीं मिला।
error-two-factor-required = आपके संगठन में दो-चरणीय साइन-इन ज़रूरी है। आगे बढ़ने के लिए इसे अपने खाते के सुरक्षा पन्ने पर चालू करें।
error-invalid = कृपया चिह्नित जानकारी ठीक करें।
error-too-many-attempts = बहुत ज़्यादा कोशिशें हो गई हैं। कृपया कुछ मिनट रुककर फिर से कोशिश करें।
error-link-invalid = यह लिंक अब मान्य नहीं है।
error-link-expired = इस लिंक की समय-सीमा समाप्त हो गई है। कृपया इसे भेजने वाली कंपनी से नया लिंक माँगें।
error-link-withdrawn = इस लिंक को भेजने वाली कंपनी ने इसे वापस ले लिया है। अगर आपको अब भी सत्यापन करना है, तो कृपया उनसे नया लिंक माँगें।
error-unready = कुछ चीज़ें अभी बाक़ी हैं।
error-file-too-large = फ़ाइल बहुत बड़ी है। अधिकतम सीमा { $megabytes } MB है।
error-busy = अभी हमारे पास बहुत काम है। कृपया थोड़ी देर में फिर से कोशिश करें।
error-internal = हमारी ओर से कुछ गड़बड़ हो गई। अगर यह फिर हो, तो त्रुटि संख्या { $id } बताएँ।
error-request = अनुरोध पूरा नहीं हो सका। कृपया पन्ना फिर से लोड करें और दोबारा कोशिश करें।
error-journey-closed = यह सत्यापन बंद हो चुका है; अब इसमें कुछ बदला नहीं जा सकता।
error-under-review = आपने जो भेजा है उसकी जाँच हो रही है, इसलिए अभी उसे बदला नहीं जा सकता।
error-no-retries = इस चरण के लिए अब कोई प्रयास बाक़ी नहीं है।
error-not-now = अभी यह संभव नहीं है।
error-choose-side = चुनें कि यह दस्तावेज़ का कौन-सा भाग है।
error-choose-type = दस्तावेज़ का प्रकार चुनें।
error-signature-png = हस्ताक्षर PNG तस्वीर के रूप में भेजा जाना चाहिए।

## A rule of the journey that refused what the customer tried (ids from the rule's code).

refused-consent-required = कृपया पहले सहमति पढ़ें और स्वीकार करें।
refused-type-not-accepted = इस श्रेणी के लिए इस प्रकार का दस्तावेज़ स्वीकार नहीं किया जाता।
refused-too-many-documents = आप जितने दस्तावेज़ जोड़ सकते थे, जोड़ चुके हैं। दूसरा जोड़ने के लिए एक हटाएँ।
refused-document-submitted = यह दस्तावेज़ जमा हो चुका है और इसे बदला नहीं जा सकता।
refused-side-not-accepted = दस्तावेज़ का वह भाग पहले से मौजूद है, या PDF को फ़ोटो के साथ मिलाया गया। दस्तावेज़ हटाकर फिर से जोड़ें।
refused-side-taken = दस्तावेज़ का वह भाग पहले से मौजूद है, या PDF को फ़ोटो के साथ मिलाया गया। दस्तावेज़ हटाकर फिर से जोड़ें।
refused-not-a-check-step = अभी यह संभव नहीं है।
refused-not-a-capture-step = अभी यह संभव नहीं है।
refused-check-waiting = हम अभी भी आपकी पिछली कोशिश के जवाब की प्रतीक्षा कर रहे हैं।
refused-digilocker-unavailable = DigiLocker अभी यहाँ उपलब्ध नहीं है। जिस कंपनी ने आपको लिंक भेजा है, वह इस बारे में आपसे संपर्क करेगी।
refused-journey-ended = यह सत्यापन समाप्त हो चुका है: अब कुछ जोड़ा नहीं जा सकता, और इसकी फ़ाइलें अब नहीं दिखाई जातीं।
refused-ticket-closed = यह प्रश्न बंद कर दिया गया है। कृपया नया प्रश्न पूछें।
error-stale = आपके देखते समय यह जानकारी बदल गई। पन्ना फिर से लोड करें और दोबारा कोशिश करें।

## फ़ॉर्म का कोई खाना जिसे ठीक करना है (खाने के पास दिखाया जाता है)।

field-required = भरना ज़रूरी है
field-too-short = कम से कम { $number } अक्षर होने चाहिए
field-too-long = अधिकतम { $number } अक्षर हो सकते हैं
field-control-characters = इसमें नियंत्रण वर्ण नहीं होने चाहिए
field-name-letters = इसमें अक्षर होने चाहिए
field-ifsc = 11 अक्षर होने चाहिए: 4 अक्षर, एक शून्य, फिर 6 अक्षर या अंक (जैसे HDFC0001234)
field-account-number = 9 से 18 अंक होने चाहिए
field-account-number-again = खाता संख्या से मेल नहीं खाता
field-ticket-subject = कुछ शब्दों में बताएँ कि यह किस बारे में है
field-one-line = एक ही पंक्ति का पाठ होना चाहिए
field-ticket-message = अपना संदेश लिखें
field-date-of-birth = अपनी जन्म तिथि वैसे ही दर्ज करें जैसी आपके आधार पर है

## सर्वर ने जो अपलोड स्वीकार नहीं किया।

upload-refused-empty = फ़ाइल खाली है। कृपया फ़ाइल फिर से चुनें।
upload-refused-type = यह फ़ाइल JPEG, PNG या PDF नहीं है। कृपया कोई फ़ोटो या PDF अपलोड करें।
upload-refused-disguised = फ़ाइल ख़ुद को { $declared } बताती है, पर यह { $actual } है। कृपया फ़ाइल फिर से चुनें।
upload-refused-damaged = फ़ाइल ख़राब या अधूरी लगती है। कृपया फ़ाइल फिर से चुनें या नई फ़ोटो लें।
upload-refused-too-many-pixels = यह तस्वीर इतनी बड़ी है कि इसे संसाधित नहीं किया जा सकता। कृपया नई फ़ोटो लें या छोटी तस्वीर अपलोड करें।
upload-refused-deep-colour = यह तस्वीर हर रंग के लिए 16 बिट इस्तेमाल करती है, जो स्वीकार नहीं है। कृपया सामान्य फ़ोटो (JPEG) या साधारण PNG अपलोड करें।
upload-refused-too-small = यह तस्वीर पढ़ने के लिए बहुत छोटी है। कृपया पास से, साफ़ फ़ोटो लें।
upload-refused-signature-empty = हस्ताक्षर खाली है। कृपया बॉक्स में हस्ताक्षर करें।
upload-refused-full = इस सत्यापन में अधिकतम { $megabytes } MB की फ़ाइलें रखी जा सकती हैं, और यह भर चुका है।
upload-refused-interrupted = अपलोड बीच में रुक गया। कृपया फिर से कोशिश करें।
upload-kind-jpeg = JPEG तस्वीर
upload-kind-png = PNG तस्वीर
upload-kind-pdf = PDF फ़ाइल
