"""import is outside the subset."""
x = 1
import math
print(math.sqrt(x))
