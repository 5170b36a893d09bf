import walle


def describe(events):
    return ", ".join(e['event_id'] for e in events)


class CartCounter(object):
    def __init__(self, key):
        self.key = key

    def bump(self):
        n = walle.state.get(self.key, 0) + 1
        walle.state.put(self.key, n)
        return n


events = walle.events.matched()
count = CartCounter('carts').bump()
scores = walle.np.softmax(walle.np.array([1.0, 2.0, float(len(events))]))
print("cart #%d after %s" % (count, describe(events)))
walle.output.emit("carts", count)
walle.output.feature("best", int(walle.np.argmax(scores)))
