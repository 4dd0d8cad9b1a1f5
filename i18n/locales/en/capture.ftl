## The selfie step and its camera.

selfie-intro = Face the camera in good light, without glasses or a hat. We compare it with the photo on your documents.
selfie-yours = Your selfie
selfie-retake = Retake selfie
selfie-check-face = Check that your face is clear
selfie-no-camera = No camera? Upload a photo instead
selfie-choose-file = Choose a photo of your face
camera-preview = Camera preview
camera-open = Open camera
camera-opening = Opening the camera…
camera-take-photo = Take photo
camera-photo-taken = The photo you took
camera-use-photo = Use this photo
camera-retake = Retake
camera-take-failed = The photo could not be taken. Please try again.
camera-read-failed = The photo could not be read. Please retake it.
camera-unavailable = We could not open a camera on this device. You can upload a photo instead.
camera-not-allowed = Camera access was not allowed. You can allow it in your browser settings, or upload a photo instead.

## The signature step.

signature-help = Sign in the box with your finger, a pen or the mouse.
signature-box = Signature box
signature-type-name = Or type your full name to sign
signature-clear = Clear
signature-save = Save signature
signature-saved = Your saved signature
signature-saved-replace = Your saved signature. Sign again below to replace it.
signature-empty = Please sign in the box first.
signature-unreadable = The signature could not be read. Please sign again.
