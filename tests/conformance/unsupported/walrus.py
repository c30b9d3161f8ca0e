"""Assignment expressions (:=) are outside the subset."""
data = [1, 2, 3]
if (n := len(data)) > 2:
    print(n)
