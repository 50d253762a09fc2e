"""`course feedback`: feedback pages for students (the one function every path that writes feedback calls), MathML,
the template.
"""
