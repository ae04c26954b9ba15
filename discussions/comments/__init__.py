"""Comments on threads and pages: posting, replies, likes, editing, anonymous
confirmation and the comment emails."""
