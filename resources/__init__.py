"""Data shipped with TCP Lab (icons, translations, texts shown to users), installed with
the app as package data so it is found the same way from a checkout or an install."""
