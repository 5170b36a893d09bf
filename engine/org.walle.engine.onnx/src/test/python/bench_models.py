#!/usr/bin/python3
"""Writes the two generated benchmark models with Debian's python3-onnx and a fixed seed.

mobilenet_style.onnx   MobileNet-v1-style conv net: 3x3 stem, 13 depthwise-separable blocks (Clip as ReLU6),
                       global average pool, Gemm 1024 -> 1000, Softmax; input image[1,3,224,224].
transformer_block.onnx one pre-norm encoder block: LayerNorm, 4-head self-attention (batched MatMul, Softmax),
                       residual, LayerNorm, GELU MLP 256 -> 1024 -> 256, residual; input x[1,128,256].

Usage: bench_models.py OUT_DIR    (same seed, same bytes every time)
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
rng = np.random.default_rng(20221111)


def weight(name, shape, fan_in, inits):
    inits.append(numpy_helper.from_array(
        (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32), name))
    return name


def const(name, values, inits, dtype=np.float32):
    inits.append(numpy_helper.from_array(np.asarray(values, dtype=dtype), name))
    return name


def mobilenet():
    nodes, inits = [], []
    relu6_min = const("relu6_min", 0.0, inits)
    relu6_max = const("relu6_max", 6.0, inits)

    def conv(x, cin, cout, k, stride, group, name):
        w = weight(name + ".w", (cout, cin // group, k, k), cin // group * k * k, inits)
        b = const(name + ".b", rng.standard_normal(cout) * 0.01, inits)
        pad = k // 2
        nodes.append(helper.make_node("Conv", [x, w, b], [name + ".conv"], name=name, group=group,
                                      kernel_shape=[k, k], strides=[stride, stride], pads=[pad] * 4))
        nodes.append(helper.make_node("Clip", [name + ".conv", relu6_min, relu6_max], [name + ".out"],
                                      name=name + ".relu6"))
        return name + ".out"

    x = conv("image", 3, 32, 3, 2, 1, "stem")
    blocks = [(32, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2), (256, 256, 1), (256, 512, 2),
              (512, 512, 1), (512, 512, 1), (512, 512, 1), (512, 512, 1), (512, 512, 1), (512, 1024, 2),
              (1024, 1024, 1)]
    for i, (cin, cout, stride) in enumerate(blocks):
        x = conv(x, cin, cin, 3, stride, cin, "block%d.dw" % i)
        x = conv(x, cin, cout, 1, 1, 1, "block%d.pw" % i)
    nodes.append(helper.make_node("GlobalAveragePool", [x], ["pooled"], name="pool"))
    nodes.append(helper.make_node("Flatten", ["pooled"], ["features"], name="flatten", axis=1))
    fc_w = weight("fc.w", (1024, 1000), 1024, inits)
    fc_b = const("fc.b", np.zeros(1000), inits)
    nodes.append(helper.make_node("Gemm", ["features", fc_w, fc_b], ["logits"], name="fc"))
    nodes.append(helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=1))
    graph = helper.make_graph(nodes, "mobilenet_style",
                              [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, 224, 224])],
                              [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [1, 1000])],
                              inits)
    return graph


def transformer():
    seq, d, heads, hidden = 128, 256, 4, 1024
    dh = d // heads
    nodes, inits = [], []

    def layer_norm(x, name):
        g = const(name + ".gamma", 1.0 + rng.standard_normal(d) * 0.05, inits)
        b = const(name + ".beta", rng.standard_normal(d) * 0.05, inits)
        nodes.append(helper.make_node("LayerNormalization", [x, g, b], [name + ".out"], name=name, axis=-1,
                                      epsilon=1e-5))
        return name + ".out"

    def linear(x, cin, cout, name):
        w = weight(name + ".w", (cin, cout), cin, inits)
        b = const(name + ".b", rng.standard_normal(cout) * 0.01, inits)
        nodes.append(helper.make_node("MatMul", [x, w], [name + ".mm"], name=name))
        nodes.append(helper.make_node("Add", [name + ".mm", b], [name + ".out"], name=name + ".bias"))
        return name + ".out"

    split_shape = const("split_heads", [1, seq, heads, dh], inits, np.int64)
    merge_shape = const("merge_heads", [1, seq, d], inits, np.int64)
    h = layer_norm("x", "ln1")
    q = linear(h, d, d, "q")
    k = linear(h, d, d, "k")
    v = linear(h, d, d, "v")
    for name, src, perm in (("qh", q, [0, 2, 1, 3]), ("kt", k, [0, 2, 3, 1]), ("vh", v, [0, 2, 1, 3])):
        nodes.append(helper.make_node("Reshape", [src, split_shape], [name + ".r"], name=name + ".reshape"))
        nodes.append(helper.make_node("Transpose", [name + ".r"], [name], name=name + ".transpose", perm=perm))
    scale = const("scale", 1.0 / np.sqrt(dh), inits)
    nodes.append(helper.make_node("MatMul", ["qh", "kt"], ["scores"], name="attention.scores"))
    nodes.append(helper.make_node("Mul", ["scores", scale], ["scaled"], name="attention.scale"))
    nodes.append(helper.make_node("Softmax", ["scaled"], ["weights"], name="attention.softmax", axis=-1))
    nodes.append(helper.make_node("MatMul", ["weights", "vh"], ["context"], name="attention.context"))
    nodes.append(helper.make_node("Transpose", ["context"], ["context.t"], name="merge.transpose", perm=[0, 2, 1, 3]))
    nodes.append(helper.make_node("Reshape", ["context.t", merge_shape], ["merged"], name="merge.reshape"))
    o = linear("merged", d, d, "o")
    nodes.append(helper.make_node("Add", ["x", o], ["residual1"], name="residual1"))
    h2 = layer_norm("residual1", "ln2")
    up = linear(h2, d, hidden, "up")
    # GELU written out (Gelu is an opset-20 op): 0.5 * x * (1 + erf(x / sqrt 2))
    inv_sqrt2 = const("inv_sqrt2", 1.0 / np.sqrt(2.0), inits)
    one = const("one", 1.0, inits)
    half = const("half", 0.5, inits)
    nodes += [helper.make_node("Mul", [up, inv_sqrt2], ["gelu.s"], name="gelu.scale"),
              helper.make_node("Erf", ["gelu.s"], ["gelu.e"], name="gelu.erf"),
              helper.make_node("Add", ["gelu.e", one], ["gelu.p"], name="gelu.plus1"),
              helper.make_node("Mul", [up, "gelu.p"], ["gelu.m"], name="gelu.mul"),
              helper.make_node("Mul", ["gelu.m", half], ["gelu.out"], name="gelu.half")]
    down = linear("gelu.out", hidden, d, "down")
    nodes.append(helper.make_node("Add", ["residual1", down], ["y"], name="residual2"))
    return helper.make_graph(nodes, "transformer_block",
                             [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, seq, d])],
                             [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, seq, d])], inits)


def save(graph, path):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="walle bench_models.py")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)
    print("wrote", path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench_models.py OUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    save(mobilenet(), os.path.join(out, "mobilenet_style.onnx"))
    save(transformer(), os.path.join(out, "transformer_block.onnx"))
