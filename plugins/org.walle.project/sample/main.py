# Purchase intent: when a user adds an item to the cart soon after clicking it, score how likely they are to buy.
# Pre-processing (features.py) turns the matched events into a feature vector, the ONNX model (intent.onnx:
# MatMul, Add, Softmax) scores it, and the post-processing below picks the label and emits it.
# Try it: Window > Task Run, pick a device profile and a generated stream, Run.
import walle
from walle import np
import features

LABELS = walle.task.text('labels.txt').split()
model = walle.model.load('intent.onnx')

events = walle.events.matched()
carts_before = walle.state.get('carts', 0)
x = features.vector(events, carts_before)
probs = model.run({'features': x})['intent']
walle.state.put('carts', carts_before + 1)

# post-processing: the most likely label, how sure the model is, and the runner-up
values, indices = np.topk(probs, 2)
p, runner_up = values[0].tolist()
best = int(indices[0].tolist()[0])
margin = p - runner_up
walle.output.feature('intent_probs', probs)
walle.output.emit('intent', {'label': LABELS[best], 'p': round(p, 3), 'margin': round(margin, 3)})
print "intent %s (p=%.3f) after %s" % (LABELS[best], p, ' > '.join(e['event_id'] for e in events))
