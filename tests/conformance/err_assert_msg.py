"""A failing assert with a message built at run time."""


def check(balance):
    assert balance >= 0, "negative balance: " + str(balance)
    return balance


b = 10
for withdrawal in [3, 4, 5]:
    b -= withdrawal
    print("balance", check(b))
