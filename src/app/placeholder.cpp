// Replaced as the app layer grows.
