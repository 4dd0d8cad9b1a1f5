## जमा करने से पहले क्या बाक़ी है।

missing-consent = कृपया पहले सहमति पढ़ें और स्वीकार करें।
missing-documents = { $category }: { $count ->
    [one] { $count } और दस्तावेज़ जोड़ें
   *[other] { $count } और दस्तावेज़ जोड़ें
}।
missing-incomplete-front = { $document }: आगे का भाग जोड़ें, या इसे हटा दें।
missing-incomplete-back = { $document }: पीछे का भाग जोड़ें, या इसे हटा दें।
missing-incomplete-whole = { $document }: PDF जोड़ें, या इसे हटा दें।
missing-selfie = एक सेल्फ़ी लें।
missing-signature = अपने हस्ताक्षर बनाएँ और सहेजें।
missing-bank = अपना बैंक खाता सत्यापित करें।
missing-digilocker = अपना आधार साझा करने के लिए DigiLocker से जुड़ें।
missing-waiting = { $step }: हम जवाब की प्रतीक्षा कर रहे हैं; यह पन्ना अपने आप अपडेट होगा।
missing-step = { $step }: अभी बाक़ी है।
missing-nothing = अभी जमा करने के लिए कुछ नहीं है।

## जाँचें और जमा करें।

submit-title = जाँचें और जमा करें
submit-ready = तैयार
submit-go-to = { $step } पर जाएँ
submit-done = सफलतापूर्वक जमा हो गया।
submit-done-email = हमने आपको पुष्टि का ईमेल भेज दिया है। स्थिति देखने के लिए आप इसी लिंक से दोबारा आ सकते हैं।
submit-see-status = स्थिति देखें
submit-submit = जमा करें
submit-confirm-title = क्या आप अपना सत्यापन जमा करना चाहते हैं?
submit-confirm-text = जमा करने के बाद आपके दस्तावेज़, सेल्फ़ी और हस्ताक्षर जाँच के लिए चले जाते हैं, और तब तक बदले नहीं जा सकते जब तक जाँचकर्ता आपसे ऐसा करने को न कहें।
submit-confirm-yes = हाँ, जमा करें
submit-go-back = वापस जाएँ
