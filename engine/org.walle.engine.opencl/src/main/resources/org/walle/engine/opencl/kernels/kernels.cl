// Walle OpenCL kernels. The OP_* codes are #defined by the host (ClKernels) from its op enums, so the host and the
// device agree on the numbering by construction. All buffers are float32.

float unary_op(int op, float x) {
    switch (op) {
    case OP_NEG: return -x;
    case OP_ABS: return fabs(x);
    case OP_SQUARE: return x * x;
    case OP_SQRT: return sqrt(x);
    case OP_RSQRT: return rsqrt(x);
    case OP_RECIPROCAL: return 1.0f / x;
    case OP_EXP: return exp(x);
    case OP_LOG: return log(x);
    case OP_TANH: return tanh(x);
    case OP_SIGMOID: return 1.0f / (1.0f + exp(-x));
    case OP_RELU: return fmax(x, 0.0f);
    case OP_SILU: return x / (1.0f + exp(-x));
    case OP_FLOOR: return floor(x);
    case OP_CEIL: return ceil(x);
    default: return NAN;
    }
}

float binary_op(int op, float a, float b) {
    switch (op) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    case OP_DIV: return a / b;
    case OP_MAX: return fmax(a, b);
    case OP_MIN: return fmin(a, b);
    case OP_POW: return pow(a, b);
    default: return NAN;
    }
}

__kernel void unary(__global const float* x, __global float* y, int op, int n) {
    int i = get_global_id(0);
    if (i < n) {
        y[i] = unary_op(op, x[i]);
    }
}

// a viewed as [outer, mid, inner], b as [mid]: trailing vector (inner = 1), per channel, or scalar (mid = 1)
__kernel void binary(__global const float* a, __global const float* b, __global float* out, int op, int mid,
                     int inner, int bFirst, int n) {
    int i = get_global_id(0);
    if (i < n) {
        float bv = b[(i / inner) % mid];
        out[i] = bFirst ? binary_op(op, bv, a[i]) : binary_op(op, a[i], bv);
    }
}

float reduce_identity(int op) {
    switch (op) {
    case RED_MAX: return -INFINITY;
    case RED_MIN: return INFINITY;
    case RED_PROD: return 1.0f;
    default: return 0.0f;
    }
}

float reduce_map(int op, float x) {
    return (op == RED_SUM_SQUARE || op == RED_L2) ? x * x : op == RED_L1 ? fabs(x) : x;
}

float reduce_combine(int op, float acc, float x) {
    switch (op) {
    case RED_MAX: return fmax(acc, x);
    case RED_MIN: return fmin(acc, x);
    case RED_PROD: return acc * x;
    default: return acc + x;
    }
}

float reduce_finish(int op, float acc, int count) {
    return op == RED_MEAN ? acc / count : op == RED_L2 ? sqrt(acc) : acc;
}

// one work-group of REDUCE_WG items per contiguous row: strided partial results, then a tree in local memory
__kernel void reduce_rows(__global const float* x, __global float* y, int op, int axis) {
    __local float part[REDUCE_WG];
    int row = get_group_id(0);
    int lid = get_local_id(0);
    float acc = reduce_identity(op);
    for (int a = lid; a < axis; a += REDUCE_WG) {
        acc = reduce_combine(op, acc, reduce_map(op, x[row * axis + a]));
    }
    part[lid] = acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = REDUCE_WG / 2; s > 0; s >>= 1) {
        if (lid < s) {
            part[lid] = reduce_combine(op, part[lid], part[lid + s]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        y[row] = reduce_finish(op, part[0], axis);
    }
}

// one work-item per output of [outer, inner] when the reduced axis is strided
__kernel void reduce_strided(__global const float* x, __global float* y, int op, int axis, int inner, int count) {
    int id = get_global_id(0);
    if (id < count) {
        int o = id / inner;
        int i = id % inner;
        float acc = reduce_identity(op);
        for (int a = 0; a < axis; a++) {
            acc = reduce_combine(op, acc, reduce_map(op, x[(o * axis + a) * inner + i]));
        }
        y[id] = reduce_finish(op, acc, axis);
    }
}

// C = A * B, row-major, TS x TS tiles of A and B staged in local memory; out-of-range loads read 0
__kernel void gemm_tiled(__global const float* A, __global const float* B, __global float* C, int M, int N, int K) {
    __local float As[TS][TS];
    __local float Bs[TS][TS];
    int col = get_global_id(0);
    int row = get_global_id(1);
    int lc = get_local_id(0);
    int lr = get_local_id(1);
    float acc = 0.0f;
    for (int t = 0; t < K; t += TS) {
        As[lr][lc] = (row < M && t + lc < K) ? A[row * K + t + lc] : 0.0f;
        Bs[lr][lc] = (t + lr < K && col < N) ? B[(t + lr) * N + col] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TS; p++) {
            acc += As[lr][p] * Bs[p][lc];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < M && col < N) {
        C[row * N + col] = acc;
    }
}

// col[(ic*KH + ky)*KW + kx][oy*OW + ox] = padded input, for one image of C channels
__kernel void im2col(__global const float* in, __global float* col, int inOff, int H, int W, int KH, int KW,
                     int SH, int SW, int PT, int PL, int DH, int DW, int OH, int OW, int count) {
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
        int iy = oy * SH - PT + ky * DH;
        int ix = ox * SW - PL + kx * DW;
        col[id] = (iy >= 0 && iy < H && ix >= 0 && ix < W) ? in[inOff + (ic * H + iy) * W + ix] : 0.0f;
    }
}

// Raster region: dst[dOff + z*ds0 + y*ds1 + x*ds2] = src[sOff + z*ss0 + y*ss1 + x*ss2] over size[3] (DESIGN.md 1a)
__kernel void raster(__global const float* src, __global float* dst, int sOff, int ss0, int ss1, int ss2,
                     int dOff, int ds0, int ds1, int ds2, int n0, int n1, int n2) {
    int x = get_global_id(0);
    int y = get_global_id(1);
    int z = get_global_id(2);
    if (x < n2 && y < n1 && z < n0) {
        dst[dOff + z * ds0 + y * ds1 + x * ds2] = src[sOff + z * ss0 + y * ss1 + x * ss2];
    }
}

// softmax over the middle axis of [outer, axis, inner]; one work-item per (outer, inner) column
__kernel void softmax(__global const float* x, __global float* y, int axis, int inner, int count) {
    int id = get_global_id(0);
    if (id < count) {
        int base = (id / inner) * axis * inner + id % inner;
        float m = -INFINITY;
        for (int a = 0; a < axis; a++) {
            m = fmax(m, x[base + a * inner]);
        }
        float sum = 0.0f;
        for (int a = 0; a < axis; a++) {
            float e = exp(x[base + a * inner] - m);
            y[base + a * inner] = e;
            sum += e;
        }
        float inv = 1.0f / sum;
        for (int a = 0; a < axis; a++) {
            y[base + a * inner] *= inv;
        }
    }
}
