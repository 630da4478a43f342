"""The text the extractor reads: a file's text (a PDF's text layer), cleaned of OCR's noise,
and split at the form's titles into its parts."""
