"""from-import is an import statement too."""
x = 2
print(x)
from math import sqrt
