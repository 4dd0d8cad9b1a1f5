## ग्राहक के लिए मदद: उनके सत्यापन पर सवाल और जवाब।

support-title = मदद चाहिए?
support-open = खुला है
support-closed = बंद है
support-from-staff = सहायता टीम
support-from-you = आप
support-file-attached = फ़ाइल संलग्न है
support-your-answer = आपका जवाब
support-send = भेजें
support-ask = सवाल पूछें
support-subject = विषय
support-message = संदेश
support-attach = फ़ोटो या PDF संलग्न करें (वैकल्पिक)
support-send-question = सवाल भेजें
support-file-not-sent = आपका सवाल भेज दिया गया, लेकिन फ़ाइल नहीं भेजी जा सकी: { $message }
# व्यापारी के सहायता पते के आसपास: "आप इस पते पर भी लिख सकते हैं: <पता>।"
support-write-to = आप इस पते पर भी लिख सकते हैं:
support-write-to-end = ।
