## सत्यापन का पन्ना: उसका ऊपरी भाग, और अभी क्या स्थिति है।

journey-page-title = अपनी पहचान सत्यापित करें · { $merchant }
journey-heading = पहचान सत्यापन
# लिंक की समाप्ति के समय के दोनों ओर: "यह लिंक <समय> तक मान्य है।"
journey-valid-until-before = यह लिंक{ " " }
journey-valid-until-after = { " " }तक मान्य है।
journey-step-not-available = यह चरण अभी ऑनलाइन पूरा नहीं किया जा सकता। जिस कंपनी ने आपको लिंक भेजा है, वह इसके बारे में आपसे संपर्क करेगी।
journey-status-submitted = धन्यवाद। आपने जो भेजा है, उसकी जाँच { $merchant } द्वारा की जा रही है; कोई नई जानकारी होने पर आपको ईमेल मिलेगा।
journey-status-open = { $merchant } ने आपसे अपनी पहचान सत्यापित करने का अनुरोध किया है। कृपया नीचे दिए गए चरण पूरे करें।
journey-status-completed = आपका सत्यापन पूरा हो गया है। धन्यवाद।
journey-status-rejected = आपका सत्यापन सफल नहीं हुआ। कृपया { $merchant } से संपर्क करें।
journey-status-expired = इस लिंक की समय-सीमा समाप्त हो गई है। कृपया { $merchant } से नया लिंक माँगें।

## ऐसे लिंक जिनका उपयोग नहीं हो सकता: अमान्य, वापस लिए गए, या सत्यापन के बीच खोला गया दूसरा लिंक।

link-invalid-title = लिंक मान्य नहीं है
link-invalid-heading = यह लिंक मान्य नहीं है
link-invalid-reason = आपने जिस सत्यापन लिंक का उपयोग किया है, वह अधूरा है, उसकी जगह नया लिंक भेजा जा चुका है, या वह मौजूद ही नहीं है।
link-invalid-advice = कृपया आपको मिला सबसे नया लिंक इस्तेमाल करें, या लिंक भेजने वाली कंपनी से नया लिंक माँगें।
link-withdrawn-title = लिंक वापस ले लिया गया
link-withdrawn-heading = यह लिंक वापस ले लिया गया है
link-withdrawn-reason = इस सत्यापन लिंक को भेजने वाली कंपनी ने इसे वापस ले लिया है, इसलिए इससे जुड़ी कोई भी जानकारी अब नहीं दिखाई जाती।
link-withdrawn-advice = यदि आपको अब भी अपनी पहचान सत्यापित करनी है, तो कृपया उनसे नया लिंक माँगें।
link-switch-title = दूसरा सत्यापन लिंक
link-switch-heading = आपने एक दूसरा सत्यापन लिंक खोला है
link-switch-question = इस ब्राउज़र में पहले से एक सत्यापन चल रहा है। क्या आप अभी खोले गए लिंक वाला सत्यापन शुरू करना चाहते हैं?
link-switch-new = नए लिंक के साथ आगे बढ़ें
link-switch-keep = पहले से चल रहा सत्यापन ही जारी रखें

## सहमति की सूचना: क़ानूनी पाठ, जिस पर ग्राहक सहमति देता है।

consent-title = शुरू करने से पहले
consent-intro = { $merchant } ने आपसे अपनी पहचान सत्यापित करने का अनुरोध किया है। आप कौन-सी जानकारी साझा करेंगे और क्यों, वह नीचे दी गई है:
# हर उद्देश्य इस रूप में है: "<strong>क्या लिया जाता है</strong>, क्यों।" कारण में उससे पहले
# का अल्पविराम और अंत का पूर्ण विराम शामिल है।
consent-collect-documents = आपके पहचान और पते के दस्तावेज़ों की फ़ोटो या PDF
consent-why-documents = , यह पुष्टि करने के लिए कि आप कौन हैं और कहाँ रहते हैं।
consent-collect-selfie = आपके चेहरे की एक फ़ोटो
consent-why-selfie = , आपके दस्तावेज़ों पर लगी फ़ोटो से आपका मिलान करने के लिए।
consent-collect-signature = आपके हस्ताक्षर
consent-why-signature = , यह पुष्टि करने के लिए कि यह आवेदन आपने ही किया है।
consent-collect-digilocker = DigiLocker से आपके आधार का विवरण (नाम, जन्म तिथि, लिंग, पता, फ़ोटो; आधार संख्या के केवल अंतिम 4 अंक)
consent-why-digilocker = , सरकारी रिकॉर्ड से आपकी पहचान सत्यापित करने के लिए।
consent-collect-bank = आपकी बैंक खाता संख्या और IFSC
consent-why-bank = , खाते में एक छोटी परीक्षण राशि भेजकर यह पुष्टि करने के लिए कि खाता आपके नाम पर है।
consent-collect-screening = आपका नाम, जिसका मिलान आधिकारिक प्रतिबंध सूचियों से किया जाता है
consent-why-screening = , क्योंकि क़ानून के अनुसार यह आवश्यक है।
consent-privacy = आप जो भेजते हैं, उसे केवल { $merchant } और उसके अनुपालन समीक्षक ही देखते हैं। फ़ाइलें एन्क्रिप्ट करके संग्रहीत की जाती हैं और केवल उतने समय तक रखी जाती हैं, जितना क़ानून के अनुसार आवश्यक है। आप { $merchant } से इनकी प्रति माँग सकते हैं या इन्हें हटाने का अनुरोध कर सकते हैं।
consent-agree-label = मैंने यह पढ़ लिया है और मैं यह जानकारी साझा करने के लिए सहमत हूँ।
consent-agree-submit = सहमति दें और आगे बढ़ें

## चरणों की प्रगति का संकेतक।

progress-label = प्रगति
progress-status = स्थिति
progress-review = समीक्षा करें और जमा करें
# स्क्रीन रीडर इसे चरण के नाम के बाद पढ़ते हैं, जैसे "सेल्फ़ी, चरण 2, कुल 4 में से, पूरा"।
progress-position = , चरण { $number }, कुल { $total } में से, { $status }
progress-state-done = पूरा
progress-state-ready = तैयार
progress-state-todo = बाक़ी

## स्थिति का पैनल: हर चरण और दस्तावेज़ की स्थिति।

status-title = स्थिति
# जमा करने के समय के दोनों ओर: "जमा करने का समय: <समय>। कोई नई जानकारी…"
status-submitted-before = जमा करने का समय:{ " " }
status-submitted-after = । कोई नई जानकारी होने पर हम आपको ईमेल करेंगे।
status-step-not-started = शुरू नहीं हुआ
status-step-in-progress = जारी है
status-step-completed = पूरा हुआ
status-step-failed = सफल नहीं हुआ
status-step-action-needed = आपकी कार्रवाई ज़रूरी है
status-step-being-checked = जाँच की जा रही है
status-documents = आपके दस्तावेज़
status-document-pending = जाँच बाक़ी है
status-document-approved = स्वीकृत
status-document-rejected = अस्वीकृत
status-attention = किसी चीज़ पर आपका ध्यान देना ज़रूरी है।
status-go-to = { $step } पर जाएँ
# समीक्षक के अपने शब्दों से पहले, जो जैसे लिखे गए वैसे ही दिखाए जाते हैं।
status-reviewer-message = समीक्षक का संदेश:{ " " }

## ऐसा पन्ना जो मौजूद नहीं है।

not-found-heading = पन्ना नहीं मिला
not-found-home = शुरुआती पन्ने पर जाएँ

## Continuing on the phone (shown on a computer's screen)
handoff-title = अपने फ़ोन पर जारी रखें
handoff-intro = दस्तावेज़ों की फ़ोटो और सेल्फ़ी फ़ोन से लेना आसान है। फ़ोन के कैमरे से एक कोड स्कैन करके वहीं आगे बढ़ें; यह पन्ना आपकी प्रगति दिखाता रहेगा।
handoff-show-code = मेरे फ़ोन के लिए कोड दिखाएँ
handoff-qr-alt = QR कोड, जो यह सत्यापन आपके फ़ोन पर खोलता है
handoff-scan = इस कोड को अपने फ़ोन के कैमरे से स्कैन करें।
handoff-address = या यह पता अपने फ़ोन पर खोलें:
handoff-valid-before = यह कोड एक ही बार,{ " " }
handoff-valid-after = { " " }तक काम करेगा।
handoff-waiting = आपके फ़ोन का इंतज़ार है…
handoff-used = आपके फ़ोन ने काम संभाल लिया है। यह पन्ना आपकी प्रगति दिखाता रहेगा।
handoff-new-code = नया कोड दिखाएँ
handoff-expired = इस कोड की समय-सीमा समाप्त हो गई है। फ़ोन पर जारी रखने के लिए नया कोड दिखाएँ।
## The page a hand-off code opens on the phone
handoff-here-title = यहाँ जारी रखें
handoff-here-heading = क्या आप अपना सत्यापन इस डिवाइस पर जारी रखना चाहते हैं?
handoff-here-text = आपने दूसरी स्क्रीन पर दिखाया गया एक कोड खोला है। यह एक ही बार काम करता है: इसे उसी डिवाइस पर इस्तेमाल करें जिस पर आप आगे बढ़ना चाहते हैं।
handoff-here-continue = इस डिवाइस पर जारी रखें
