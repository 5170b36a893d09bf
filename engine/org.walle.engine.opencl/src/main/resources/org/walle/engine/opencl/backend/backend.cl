// Kernels of the opencl backend, one per atomic op of org.walle.engine.decompose. The host #defines U_*, B_*, R_*
// from Params.UnaryKind / BinaryKind / ReduceKind ordinals, so both sides agree by construction. Every operand is a
// float32 buffer plus an element offset (non-zero for the iterations of a LOOP). Special values follow the reference
// backend: NaN propagates through MAX/MIN, RELU and CLIP as it does in Java.

float unary_op(int op, float x, float a, float b) {
    switch (op) {
    case U_IDENTITY: return x;
    case U_ABS: return fabs(x);
    case U_NEG: return -x;
    case U_FLOOR: return floor(x);
    case U_CEIL: return ceil(x);
    case U_ROUND: return rint(x);
    case U_SQRT: return sqrt(x);
    case U_RECIPROCAL: return 1.0f / x;
    case U_EXP: return exp(x);
    case U_LOG: return log(x);
    case U_ERF: return erf(x);
    case U_SIGN: return isnan(x) ? x : sign(x);
    case U_CLIP: return isnan(x) ? x : fmin(fmax(x, a), b);
    case U_SIN: return sin(x);
    case U_COS: return cos(x);
    case U_TAN: return tan(x);
    case U_ASIN: return asin(x);
    case U_ACOS: return acos(x);
    case U_ATAN: return atan(x);
    case U_SINH: return sinh(x);
    case U_COSH: return cosh(x);
    case U_TANH: return tanh(x);
    case U_ASINH: return asinh(x);
    case U_ACOSH: return acosh(x);
    case U_ATANH: return atanh(x);
    case U_RELU: return x < 0.0f ? 0.0f : x;
    case U_LEAKY_RELU: return x < 0.0f ? a * x : x;
    case U_ELU: return x < 0.0f ? a * expm1(x) : x;
    case U_SELU: return x <= 0.0f ? b * a * expm1(x) : b * x;
    case U_CELU: return fmax(0.0f, x) + fmin(0.0f, a * expm1(x / a));
    case U_SIGMOID: return x >= 0.0f ? 1.0f / (1.0f + exp(-x)) : exp(x) / (1.0f + exp(x));
    case U_HARD_SIGMOID: return fmax(0.0f, fmin(1.0f, a * x + b));
    case U_HARD_SWISH: return x * fmax(0.0f, fmin(1.0f, x / 6.0f + 0.5f));
    case U_SOFTPLUS: return x > 30.0f ? x : log1p(exp(x));
    case U_SOFTSIGN: return x / (1.0f + fabs(x));
    case U_GELU: return 0.5f * x * (1.0f + erf(x * M_SQRT1_2_F));
    case U_GELU_TANH: return 0.5f * x * (1.0f + tanh(0.7978845608028654f * (x + 0.044715f * x * x * x)));
    case U_MISH: return x * tanh(x > 30.0f ? x : log1p(exp(x)));
    case U_THRESHOLDED_RELU: return x > a ? x : 0.0f;
    case U_SHRINK: return x < -a ? x + b : x > a ? x - b : 0.0f;
    default: return NAN;
    }
}

float binary_op(int op, float a, float b) {
    switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_POW: return pow(a, b);
    case B_MAX: return isnan(a) || isnan(b) ? NAN : fmax(a, b);
    case B_MIN: return isnan(a) || isnan(b) ? NAN : fmin(a, b);
    case B_MOD: {
        float r = fmod(a, b);
        return r != 0.0f && (r < 0.0f) != (b < 0.0f) ? r + b : r;
    }
    case B_FMOD: return fmod(a, b);
    case B_PRELU: return a < 0.0f ? a * b : a;
    default: return NAN;
    }
}

// One kernel per function (the host appends UNARY_KERNEL(RELU) ... for every kind it offers): with the op a
// compile-time constant the switch folds away and CPU compilers vectorise across work-items, 5-8x faster on PoCL
// than one kernel switching on an argument.
#define UNARY_KERNEL(K) \
__kernel void unary_##K(__global const float* x, int xo, __global float* y, int yo, float a, float b, int n) { \
    int i = get_global_id(0); \
    if (i < n) { \
        y[yo + i] = unary_op(U_##K, x[xo + i], a, b); \
    } \
}

// Operand element of output element i: itself (m == 0) or repeated, (i / inner) % m (a broadcast operand).
#define AT(i, inner, m) ((m) == 0 ? (i) : ((i) / (inner)) % (m))

#define BINARY_KERNEL(K) \
__kernel void binary_##K(__global const float* a, int ao, int ai, int am, __global const float* b, int bo, \
                         int bi, int bm, __global float* y, int yo, int n) { \
    int i = get_global_id(0); \
    if (i < n) { \
        y[yo + i] = binary_op(B_##K, a[ao + AT(i, ai, am)], b[bo + AT(i, bi, bm)]); \
    } \
}

// Comparisons of two floats and logic on two bools, writing bool (one byte, 0 or 1); NaN compares false.
int compare_op(int op, float a, float b) {
    switch (op) {
    case B_EQUAL: return a == b;
    case B_LESS: return a < b;
    case B_LESS_EQUAL: return a <= b;
    case B_GREATER: return a > b;
    default: return a >= b;
    }
}

#define COMPARE_KERNEL(K) \
__kernel void compare_##K(__global const float* a, int ao, int ai, int am, __global const float* b, int bo, \
                          int bi, int bm, __global uchar* y, int yo, int n) { \
    int i = get_global_id(0); \
    if (i < n) { \
        y[yo + i] = compare_op(B_##K, a[ao + AT(i, ai, am)], b[bo + AT(i, bi, bm)]) ? 1 : 0; \
    } \
}

int logic_op(int op, int a, int b) {
    switch (op) {
    case B_AND: return a && b;
    case B_OR: return a || b;
    default: return (a != 0) != (b != 0);
    }
}

#define LOGIC_KERNEL(K) \
__kernel void logic_##K(__global const uchar* a, int ao, int ai, int am, __global const uchar* b, int bo, \
                        int bi, int bm, __global uchar* y, int yo, int n) { \
    int i = get_global_id(0); \
    if (i < n) { \
        y[yo + i] = logic_op(B_##K, a[ao + AT(i, ai, am)], b[bo + AT(i, bi, bm)]) ? 1 : 0; \
    } \
}

__kernel void logic_not(__global const uchar* x, int xo, __global uchar* y, int yo, int n) {
    int i = get_global_id(0);
    if (i < n) {
        y[yo + i] = x[xo + i] == 0 ? 1 : 0;
    }
}

// IS_NAN (mode 0) or IS_INF (mode 1; positive and negative infinity flagged separately as ONNX detect_*)
__kernel void is_special(__global const float* x, int xo, __global uchar* y, int yo, int mode, int pos, int neg,
                         int n) {
    int i = get_global_id(0);
    if (i < n) {
        float v = x[xo + i];
        y[yo + i] = mode == 0 ? (isnan(v) ? 1 : 0) : ((pos && v == INFINITY) || (neg && v == -INFINITY)) ? 1 : 0;
    }
}

// Data movement by element width (1, 2, 4, 8 bytes) so rasters and selects move any dtype bit for bit:
// fill with a bit pattern, copy one Raster region, pick by a bool condition.
#define MOVE_KERNELS(W, T, P) \
__kernel void fill_b##W(__global T* y, int yo, P v, int n) { \
    int i = get_global_id(0); \
    if (i < n) { \
        y[yo + i] = (T) v; \
    } \
} \
__kernel void raster_b##W(__global const T* src, int s, int ss0, int ss1, int ss2, __global T* dst, int d, \
                          int ds0, int ds1, int ds2, int n0, int n1, int n2) { \
    int x = get_global_id(0); \
    int y = get_global_id(1); \
    int z = get_global_id(2); \
    if (x < n2 && y < n1 && z < n0) { \
        dst[d + z * ds0 + y * ds1 + x * ds2] = src[s + z * ss0 + y * ss1 + x * ss2]; \
    } \
} \
__kernel void select_b##W(__global const uchar* c, int co, __global const T* a, int ao, __global const T* b, \
                          int bo, __global T* y, int yo, int n) { \
    int i = get_global_id(0); \
    if (i < n) { \
        y[yo + i] = c[co + i] ? a[ao + i] : b[bo + i]; \
    } \
}

MOVE_KERNELS(1, uchar, uint)
MOVE_KERNELS(2, ushort, uint)
MOVE_KERNELS(4, uint, uint)
MOVE_KERNELS(8, ulong, ulong)

// C = alpha * op(A) op(B) + beta * bias; TS x TS tiles of op(A) and op(B) staged in local memory. biasMode 0: none,
// 1: bias has C's size, 2: one value per row (convolution channels). Out-of-range loads read 0.
__kernel void gemm(__global const float* A, int ao, __global const float* B, int bo, __global float* C, int co,
                   __global const float* bias, int biaso, int biasMode, int M, int N, int K, int transA, int transB,
                   float alpha, float beta) {
    __local float As[TS][TS];
    __local float Bs[TS][TS + 1];
    int col = get_global_id(0);
    int row = get_global_id(1);
    int lc = get_local_id(0);
    int lr = get_local_id(1);
    int tileRow = get_group_id(1) * TS;
    int tileCol = get_group_id(0) * TS;
    float acc = 0.0f;
    for (int t = 0; t < K; t += TS) {
        // A tile element (tileRow + lr, t + lc); B tile element (t + lr, tileCol + lc)
        int ar = tileRow + lr;
        int aq = t + lc;
        As[lr][lc] = (ar < M && aq < K) ? A[ao + (transA ? aq * M + ar : ar * K + aq)] : 0.0f;
        int bq = t + lr;
        int bc = tileCol + lc;
        Bs[lr][lc] = (bq < K && bc < N) ? B[bo + (transB ? bc * K + bq : bq * N + bc)] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TS; p++) {
            acc += As[lr][p] * Bs[p][lc];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < M && col < N) {
        float v = alpha * acc;
        if (biasMode == 1) {
            v += beta * bias[biaso + row * N + col];
        } else if (biasMode == 2) {
            v += beta * bias[biaso + row];
        }
        C[co + row * N + col] = v;
    }
}

// the same product without local memory or barriers, one work-item per element of C: on CPU devices (PoCL) the
// compiler vectorises across neighbouring work-items, which the tiled kernel's barriers prevent
__kernel void gemm_direct(__global const float* A, int ao, __global const float* B, int bo, __global float* C, int co,
                          __global const float* bias, int biaso, int biasMode, int M, int N, int K, int transA,
                          int transB, float alpha, float beta) {
    int col = get_global_id(0);
    int row = get_global_id(1);
    if (row < M && col < N) {
        int aStep = transA ? M : 1;
        int bStep = transB ? 1 : N;
        __global const float* a = A + ao + (transA ? row : row * K);
        __global const float* b = B + bo + (transB ? col * K : col);
        float acc = 0.0f;
        for (int q = 0; q < K; q++) {
            acc += a[q * aStep] * b[q * bStep];
        }
        float v = alpha * acc;
        if (biasMode == 1) {
            v += beta * bias[biaso + row * N + col];
        } else if (biasMode == 2) {
            v += beta * bias[biaso + row];
        }
        C[co + row * N + col] = v;
    }
}

// register-blocked product: each work-item computes 4 rows x 8 columns of C, reading a row of op(B) as one float8
// and four values of op(A) per step of k (32 multiply-adds per 12 loads). Edge blocks and transposed B go through
// private arrays; biasMode as in gemm.
float8 gemm_b_row(__global const float* B, int q, int c0, int N, int K, int transB, int cols) {
    if (!transB && cols == 8) {
        return vload8(0, B + q * N + c0);
    }
    float t[8];
    for (int j = 0; j < 8; j++) {
        t[j] = j < cols ? (transB ? B[(c0 + j) * K + q] : B[q * N + c0 + j]) : 0.0f;
    }
    return vload8(0, t);
}

void gemm_b_store(__global float* C, float8 acc, int row, int c0, int N, int cols, __global const float* bias,
                  int biasMode, float alpha, float beta) {
    float t[8];
    vstore8(acc, 0, t);
    for (int j = 0; j < cols; j++) {
        float v = alpha * t[j];
        if (biasMode == 1) {
            v += beta * bias[row * N + c0 + j];
        } else if (biasMode == 2) {
            v += beta * bias[row];
        }
        C[row * N + c0 + j] = v;
    }
}

__kernel void gemm_blocked(__global const float* A, int ao, __global const float* B, int bo, __global float* C,
                           int co, __global const float* bias, int biaso, int biasMode, int M, int N, int K,
                           int transA, int transB, float alpha, float beta) {
    int c0 = get_global_id(0) * 8;
    int r0 = get_global_id(1) * 4;
    if (r0 >= M || c0 >= N) {
        return;
    }
    int rows = min(4, M - r0);
    int cols = min(8, N - c0);
    __global const float* a = A + ao;
    __global const float* b = B + bo;
    int aRow = transA ? 1 : K;
    int aStep = transA ? M : 1;
    int r1 = min(r0 + 1, M - 1);
    int r2 = min(r0 + 2, M - 1);
    int r3 = min(r0 + 3, M - 1);
    float8 acc0 = 0.0f;
    float8 acc1 = 0.0f;
    float8 acc2 = 0.0f;
    float8 acc3 = 0.0f;
    for (int q = 0; q < K; q++) {
        float8 bv = gemm_b_row(b, q, c0, N, K, transB, cols);
        acc0 += a[r0 * aRow + q * aStep] * bv;
        acc1 += a[r1 * aRow + q * aStep] * bv;
        acc2 += a[r2 * aRow + q * aStep] * bv;
        acc3 += a[r3 * aRow + q * aStep] * bv;
    }
    __global float* c = C + co;
    __global const float* bs = bias + biaso;
    gemm_b_store(c, acc0, r0, c0, N, cols, bs, biasMode, alpha, beta);
    if (rows > 1) {
        gemm_b_store(c, acc1, r0 + 1, c0, N, cols, bs, biasMode, alpha, beta);
    }
    if (rows > 2) {
        gemm_b_store(c, acc2, r0 + 2, c0, N, cols, bs, biasMode, alpha, beta);
    }
    if (rows > 3) {
        gemm_b_store(c, acc3, r0 + 3, c0, N, cols, bs, biasMode, alpha, beta);
    }
}

// im2col of one image's channel group: col[(ic*KH + ky)*KW + kx][oy*OW + ox] = padded input (0 outside)
__kernel void im2col(__global const float* x, int xo, __global float* col, int H, int W, int KH, int KW, int SY,
                     int SX, int PY, int PX, int DY, int DX, int OH, int OW, int count) {
    int id = get_global_id(0);
    if (id < count) {
        int spatial = OH * OW;
        int r = id / spatial;
        int s = id % spatial;
        int oy = s / OW;
        int ox = s % OW;
        int kx = r % KW;
        int ky = (r / KW) % KH;
        int ic = r / (KW * KH);
        int iy = oy * SY - PY + ky * DY;
        int ix = ox * SX - PX + kx * DX;
        col[id] = (iy >= 0 && iy < H && ix >= 0 && ix < W) ? x[xo + (ic * H + iy) * W + ix] : 0.0f;
    }
}

float reduce_identity(int op) {
    switch (op) {
    case R_MAX: return -INFINITY;
    case R_MIN: return INFINITY;
    case R_PROD: return 1.0f;
    default: return 0.0f;
    }
}

float reduce_combine(int op, float acc, float x) {
    switch (op) {
    case R_MAX: return (x > acc || isnan(x)) && !isnan(acc) ? x : acc;
    case R_MIN: return (x < acc || isnan(x)) && !isnan(acc) ? x : acc;
    case R_PROD: return acc * x;
    default: return acc + x;
    }
}

// Per reduction kind (the host appends REDUCE_KERNELS(SUM) ...), so the op is a compile-time constant:
// reduce_rows_K: one work-group of RWG items per contiguous row (inner == 1), strided partials, then a tree in
// local memory; reduce_strided_K: one work-item per output of [outer, inner] when the reduced axis is strided.
#define REDUCE_KERNELS(K) \
__kernel void reduce_rows_##K(__global const float* x, int xo, __global float* y, int yo, int axis) { \
    __local float part[RWG]; \
    int row = get_group_id(0); \
    int lid = get_local_id(0); \
    float acc = reduce_identity(R_##K); \
    for (int a = lid; a < axis; a += RWG) { \
        acc = reduce_combine(R_##K, acc, x[xo + row * axis + a]); \
    } \
    part[lid] = acc; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    for (int s = RWG / 2; s > 0; s >>= 1) { \
        if (lid < s) { \
            part[lid] = reduce_combine(R_##K, part[lid], part[lid + s]); \
        } \
        barrier(CLK_LOCAL_MEM_FENCE); \
    } \
    if (lid == 0) { \
        y[yo + row] = R_##K == R_MEAN ? part[0] / axis : part[0]; \
    } \
} \
__kernel void reduce_strided_##K(__global const float* x, int xo, __global float* y, int yo, int axis, \
                                 int inner, int count) { \
    int id = get_global_id(0); \
    if (id < count) { \
        int base = xo + (id / inner) * axis * inner + id % inner; \
        float acc = reduce_identity(R_##K); \
        for (int a = 0; a < axis; a++) { \
            acc = reduce_combine(R_##K, acc, x[base + a * inner]); \
        } \
        y[yo + id] = R_##K == R_MEAN ? acc / axis : acc; \
    } \
}

// softmax (mode 0), log-softmax (1) or hardmax (2) over the middle axis of [outer, axis, inner]
__kernel void softmax(__global const float* x, int xo, __global float* y, int yo, int axis, int inner, int count,
                      int mode) {
    int id = get_global_id(0);
    if (id < count) {
        int off = (id / inner) * axis * inner + id % inner;
        __global const float* in = x + xo + off;
        __global float* out = y + yo + off;
        float m = -INFINITY;
        int arg = 0;
        for (int a = 0; a < axis; a++) {
            float v = in[a * inner];
            if (v > m) {
                m = v;
                arg = a;
            }
        }
        if (mode == 2) {
            for (int a = 0; a < axis; a++) {
                out[a * inner] = a == arg ? 1.0f : 0.0f;
            }
            return;
        }
        float sum = 0.0f;
        for (int a = 0; a < axis; a++) {
            sum += exp(in[a * inner] - m);
        }
        float logSum = log(sum);
        for (int a = 0; a < axis; a++) {
            float v = in[a * inner] - m;
            out[a * inner] = mode == 1 ? v - logSum : exp(v - logSum);
        }
    }
}

// layer normalisation of each row of [outer, inner], one work-item per row; mean and inverse std dev optional
__kernel void layer_norm(__global const float* x, int xo, __global const float* scale, int so,
                         __global const float* bias, int bo, int hasBias, __global float* y, int yo,
                         __global float* meanOut, int mo, __global float* invOut, int io, int stats, int inner,
                         float eps, int outer) {
    int row = get_global_id(0);
    if (row < outer) {
        __global const float* in = x + xo + row * inner;
        float mean = 0.0f;
        for (int j = 0; j < inner; j++) {
            mean += in[j];
        }
        mean /= inner;
        float var = 0.0f;
        for (int j = 0; j < inner; j++) {
            float d = in[j] - mean;
            var += d * d;
        }
        float inv = rsqrt(var / inner + eps);
        for (int j = 0; j < inner; j++) {
            float v = (in[j] - mean) * inv * scale[so + j];
            y[yo + row * inner + j] = hasBias ? v + bias[bo + j] : v;
        }
        if (stats & 1) {
            meanOut[mo + row] = mean;
        }
        if (stats & 2) {
            invOut[io + row] = inv;
        }
    }
}

// direct 2-d convolution, any group count (depthwise included), one work-item per output element of [N, M, OH, OW]
__kernel void conv2d(__global const float* x, int xo, __global const float* w, int wo, __global const float* bias,
                     int bo, int hasBias, __global float* y, int yo, int C, int H, int W, int M, int OH, int OW,
                     int KH, int KW, int SY, int SX, int PY, int PX, int DY, int DX, int group, int count) {
    int id = get_global_id(0);
    if (id < count) {
        int ox = id % OW;
        int oy = (id / OW) % OH;
        int oc = (id / (OW * OH)) % M;
        int n = id / (OW * OH * M);
        int cg = C / group;
        int g = oc / (M / group);
        float acc = hasBias ? bias[bo + oc] : 0.0f;
        for (int ic = 0; ic < cg; ic++) {
            __global const float* plane = x + xo + (n * C + g * cg + ic) * H * W;
            __global const float* kern = w + wo + (oc * cg + ic) * KH * KW;
            for (int ky = 0; ky < KH; ky++) {
                int iy = oy * SY - PY + ky * DY;
                if (iy < 0 || iy >= H) {
                    continue;
                }
                for (int kx = 0; kx < KW; kx++) {
                    int ix = ox * SX - PX + kx * DX;
                    if (ix >= 0 && ix < W) {
                        acc += plane[iy * W + ix] * kern[ky * KW + kx];
                    }
                }
            }
        }
        y[yo + id] = acc;
    }
}

// 2-d pooling, one work-item per output of [planes, OH, OW]: kind 0 max (NaN sticks), 1 average (includePad counts
// padded positions inside padsBegin/padsEnd), 2 Lp with integer p
__kernel void pool2d(__global const float* x, int xo, __global float* y, int yo, int H, int W, int OH, int OW,
                     int KH, int KW, int SY, int SX, int PY, int PX, int PYE, int PXE, int DY, int DX, int kind,
                     int includePad, int p, int count) {
    int id = get_global_id(0);
    if (id < count) {
        int ox = id % OW;
        int oy = (id / OW) % OH;
        __global const float* in = x + xo + (id / (OW * OH)) * H * W;
        float acc = kind == 0 ? -INFINITY : 0.0f;
        int n = 0;
        for (int ky = 0; ky < KH; ky++) {
            int iy = oy * SY - PY + ky * DY;
            for (int kx = 0; kx < KW; kx++) {
                int ix = ox * SX - PX + kx * DX;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) {
                    if (includePad && iy >= -PY && iy < H + PYE && ix >= -PX && ix < W + PXE) {
                        n++;
                    }
                    continue;
                }
                float v = in[iy * W + ix];
                if (kind == 0) {
                    acc = (isnan(v) || v > acc) ? v : acc;
                } else if (kind == 2) {
                    acc += pown(fabs(v), p);
                } else {
                    acc += v;
                }
                n++;
            }
        }
        y[yo + id] = kind == 1 ? acc / n : kind == 2 ? pow(acc, 1.0f / p) : acc;
    }
}
