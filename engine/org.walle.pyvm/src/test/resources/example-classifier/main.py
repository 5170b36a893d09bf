# Tiny image classifier: the heavy lifting (decode, resize, model, softmax) runs in Java through walle.
import walle
from walle import np, cv
import preprocess

LABELS = walle.task.text('labels.txt').split()

x = preprocess.to_input(walle.task.input('image'))
model = walle.model.load('model.onnx', backend=walle.task.input('backend', 'reference'))
logits = model.run({'x': x})['logits']
probs = np.softmax(logits, axis=-1)
values, indices = np.topk(probs, 3)
top = [{'label': LABELS[int(i)], 'p': float(p)} for p, i in zip(values[0].tolist(), indices[0].tolist())]
walle.output.feature('probs', probs)
walle.output.emit('top3', top)
print 'top-1:', top[0]['label'], round(top[0]['p'], 4)
