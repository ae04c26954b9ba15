"""In-site notifications, their emails and the reader's preferences."""
