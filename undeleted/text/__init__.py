"""Clean text, language and sentence spans."""
