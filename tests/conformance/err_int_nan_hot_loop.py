# int() of a float in a hot loop meets NaN on a late iteration: ValueError at the
# call, after the output the earlier iterations printed.
values = []
for i in range(3000):
    values.append(i * 0.75)
values.append(float("nan"))
total = 0
for x in values:
    total += int(x)
    if x == 1500.0:
        print("halfway", total)
print(total)
