"""Plausible wrong answers to 03_ml_theory/4_deep_learning_building_blocks; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

ACT_VALUES, ACT_GRADS, ACT_EDGE = "test-activation-values", "test-activation-derivatives", "test-activation-edge"
CONV_BASIC, CONV_STRIDE = "test-conv2d-basic", "test-conv2d-stride-padding"
POOL, POOL_BORDER = "test-max-pool", "test-max-pool-border"
BACK_SHAPES, BACK_1, BACK_S = "test-conv-backward-shapes", "test-conv-backward-stride1", "test-conv-backward-strided"
NORMS_PRODUCT, NORMS_RADIUS = "test-gradient-norms-product", "test-gradient-norms-radius"
DROP_MASK, DROP_MEAN, DROP_EVAL = "test-dropout-mask", "test-dropout-expectation", "test-dropout-eval"
ATT_BASIC, ATT_CAUSAL = "test-attention-basic", "test-attention-causal"

# The correct activation code, with one branch replaced by each variant below.
ACTIVATION = '''
def activation(name, z):
    z = np.asarray(z, dtype=float)
    if name == "sigmoid":
        {sigmoid}
    if name == "tanh":
        {tanh}
    if name == "relu":
        {relu}
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z), np.where(z > 0, 1.0, 0.01)
    if name == "gelu":
        {gelu}
    {unknown}
'''
SIGMOID = """e = np.exp(-np.abs(z))
        value = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        return value, value * (1.0 - value)"""
TANH = """value = np.tanh(z)
        return value, 1.0 - value**2"""
RELU = "return np.where(z > 0, z, 0.0), np.where(z > 0, 1.0, 0.0)"
GELU = """erf = np.vectorize(math.erf, otypes=[float])
        cdf = 0.5 * (1.0 + erf(z / math.sqrt(2.0)))
        pdf = np.exp(-0.5 * z**2) / math.sqrt(2.0 * math.pi)
        return z * cdf, cdf + z * pdf"""
UNKNOWN = 'raise ValueError(f"unknown activation {name!r}")'


def activation_with(**changes: str) -> str:
    parts = {"sigmoid": SIGMOID, "tanh": TANH, "relu": RELU, "gelu": GELU, "unknown": UNKNOWN}
    parts.update(changes)
    return ACTIVATION.format(**parts)


CONV_SHAPES = '''
def conv_output_shape(in_shape, out_channels, kernel_size, stride=1, padding=0):
    _, height, width = in_shape
    kh, kw = (kernel_size, kernel_size) if np.isscalar(kernel_size) else kernel_size
    h_out = {h_out}
    w_out = {w_out}
    if h_out < 1 or w_out < 1:
        raise ValueError("kernel too large")
    return int(out_channels), int(h_out), int(w_out)


def conv_param_count(in_channels, out_channels, kernel_size, bias=True):
    kh, kw = (kernel_size, kernel_size) if np.isscalar(kernel_size) else kernel_size
    return int({params})
'''
FLOOR_H, FLOOR_W = "(height + 2 * padding - kh) // stride + 1", "(width + 2 * padding - kw) // stride + 1"
PARAMS = "out_channels * (in_channels * kh * kw + (1 if bias else 0))"

CONV2D = '''
def conv2d(x, w, b, stride=1, padding=0):
    x, w, b = (np.asarray(a, dtype=float) for a in (x, w, b))
    _, height, width = x.shape
    c_out, _, kh, kw = w.shape
    h_out = (height + 2 * padding - kh) // stride + 1
    w_out = (width + 2 * padding - kw) // stride + 1
    padded = {padded}
    out = np.empty((c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = padded[:, {rows}, {cols}]
            out[:, i, j] = np.tensordot({kernel}, window, axes=3){bias}
    return out
'''
CONV2D_OK = {"padded": "np.pad(x, ((0, 0), (padding, padding), (padding, padding)))",
             "rows": "i * stride:i * stride + kh", "cols": "j * stride:j * stride + kw", "kernel": "w", "bias": " + b"}


def conv2d_with(**changes: str) -> str:
    return CONV2D.format(**{**CONV2D_OK, **changes})


POOL_CODE = '''
def max_pool2d(x, size, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if {stride_rule} else stride
    channels, height, width = x.shape
    h_out, w_out = (height - size) // stride + 1, (width - size) // stride + 1
    out = np.empty((channels, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            out[:, i, j] = {reduce}
    return out
'''
POOL_OK = {"stride_rule": "stride is None",
           "reduce": "x[:, i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(1, 2))"}

BACKWARD = '''
def conv2d_backward(x, w, grad_out, stride=1, padding=0):
    x, w, grad_out = (np.asarray(a, dtype=float) for a in (x, w, grad_out))
    _, height, width = x.shape
    _, _, kh, kw = w.shape
    padded = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    d_padded = np.zeros_like(padded)
    dw = np.zeros_like(w)
    for i in range(grad_out.shape[1]):
        for j in range(grad_out.shape[2]):
            rows = slice(i * stride, i * stride + kh)
            cols = slice(j * stride, j * stride + kw)
            g = grad_out[:, i, j]
            dw += g[:, None, None, None] * padded[None, :, {dw_rows}, {dw_cols}]
            d_padded[:, rows, cols] {accumulate} np.tensordot(g, {kernel}, axes=1)
    dx = {dx}
    return dx, dw, {db}
'''
BACKWARD_OK = {"dw_rows": "rows", "dw_cols": "cols", "accumulate": "+=", "kernel": "w",
               "dx": "d_padded[:, padding:padding + height, padding:padding + width]", "db": "grad_out.sum(axis=(1, 2))"}


def backward_with(**changes: str) -> str:
    return BACKWARD.format(**{**BACKWARD_OK, **changes})


NORMS = '''
def gradient_norms(H, W_hh):
    H = np.asarray(H, dtype=float)
    W_hh = np.asarray(W_hh, dtype=float)
    product = np.eye(H.shape[1])
    norms = []
    for t in range(H.shape[0] - 1, -1, -1):
        h_t = {state}
        jacobian = {jacobian}
        product = {product}
        norms.append({norm})
    return np.array(norms){order}
'''
NORMS_OK = {"state": "H[t]", "jacobian": "(1.0 - h_t**2)[:, None] * W_hh", "product": "product @ jacobian",
            "norm": "np.linalg.norm(product, 2)", "order": ""}


def norms_with(**changes: str) -> str:
    return NORMS.format(**{**NORMS_OK, **changes})


LSTM = '''
def lstm_step(x, h_prev, c_prev, W, U, b):
    n = np.asarray(h_prev).shape[0]
    z = W @ x + U @ h_prev + b

    def sigmoid(v):
        e = np.exp(-np.abs(v))
        return np.where(v >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    {gates}
    c = {cell}
    return {hidden}, c
'''
LSTM_OK = {"gates": "i, f, g, o = sigmoid(z[:n]), sigmoid(z[n:2 * n]), np.tanh(z[2 * n:3 * n]), sigmoid(z[3 * n:])",
           "cell": "f * c_prev + i * g", "hidden": "o * np.tanh(c)"}


def lstm_with(**changes: str) -> str:
    return LSTM.format(**{**LSTM_OK, **changes})


DROPOUT = '''
def dropout(x, p, rng, train=True):
    x = np.asarray(x, dtype=float)
    {check}
    if not train:
        {evaluation}
    keep = {keep}
    return {train_out}
'''
DROPOUT_OK = {"check": 'if not 0.0 <= p < 1.0:\n        raise ValueError("p must be in [0, 1)")',
              "evaluation": "return x.copy()", "keep": "rng.random(x.shape) < 1.0 - p",
              "train_out": "x * keep / (1.0 - p)"}


def dropout_with(**changes: str) -> str:
    return DROPOUT.format(**{**DROPOUT_OK, **changes})


ATTENTION = '''
def attention(Q, K, V, causal=False):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    scores = Q @ K.T / {scale}
    if causal:
        allowed = {allowed}
        scores = np.where(allowed, scores, -np.inf)
    {stabilise}
    weights = np.exp(scores)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ V, weights
'''
ATTENTION_OK = {"scale": "np.sqrt(Q.shape[1])", "allowed": "np.tril(np.ones(scores.shape, dtype=bool))",
                "stabilise": "scores = scores - scores.max(axis=1, keepdims=True)"}


def attention_with(**changes: str) -> str:
    return ATTENTION.format(**{**ATTENTION_OK, **changes})


POSITIONS = '''
def sinusoidal_positions(n_positions, d_model):
    {check}
    positions = np.arange(n_positions)[:, None]
    angles = positions / 10000.0 ** ({exponent})
    encodings = np.empty((n_positions, d_model))
    {fill}
    return encodings
'''
POSITIONS_OK = {"check": 'if d_model % 2:\n        raise ValueError("d_model must be even")',
                "exponent": "np.arange(0, d_model, 2) / d_model",
                "fill": "encodings[:, 0::2] = np.sin(angles)\n    encodings[:, 1::2] = np.cos(angles)"}


def positions_with(**changes: str) -> str:
    return POSITIONS.format(**{**POSITIONS_OK, **changes})


VARIANTS = [
    # ------------------------------------------------------------------------------------ 1.1 activations
    Variant(
        name="activation-tanh-from-exponentials",
        why="tanh written as (e^z - e^-z) / (e^z + e^-z) overflows to inf / inf = NaN for large |z|; np.tanh is stable",
        cells={"activation": activation_with(tanh="""value = (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
        return value, 1.0 - value**2""")},
        fails={ACT_EDGE},
    ),
    Variant(
        name="activation-gelu-tanh-approximation",
        why="uses the tanh approximation of GELU (GPT-2 style); the exercise asks for the exact erf form",
        cells={"activation": activation_with(gelu="""inner = math.sqrt(2.0 / math.pi) * (z + 0.044715 * z**3)
        t = np.tanh(inner)
        d_inner = math.sqrt(2.0 / math.pi) * (1.0 + 3 * 0.044715 * z**2)
        return 0.5 * z * (1.0 + t), 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t**2) * d_inner""")},
        fails={ACT_VALUES, ACT_GRADS},
    ),
    Variant(
        name="activation-relu-derivative-one-at-zero",
        why="takes the ReLU derivative at z = 0 as 1 (z >= 0); the convention asked (and PyTorch's) is 0",
        cells={"activation": activation_with(relu="return np.where(z > 0, z, 0.0), np.where(z >= 0, 1.0, 0.0)")},
        fails={ACT_EDGE},
    ),
    Variant(
        name="activation-sigmoid-derivative-overflows",
        why="the sigmoid derivative written as e^-z / (1 + e^-z)^2 overflows to NaN for large negative z",
        cells={"activation": activation_with(sigmoid="""e = np.exp(-np.abs(z))
        value = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        return value, np.exp(-z) / (1.0 + np.exp(-z)) ** 2""")},
        fails={ACT_EDGE},
    ),
    Variant(
        name="activation-gelu-derivative-missing-term",
        why="the GELU derivative is Phi(z) + z * phi(z) (product rule); Phi(z) alone drops the second term",
        cells={"activation": activation_with(gelu="""erf = np.vectorize(math.erf, otypes=[float])
        cdf = 0.5 * (1.0 + erf(z / math.sqrt(2.0)))
        return z * cdf, cdf""")},
        fails={ACT_GRADS},
    ),
    Variant(
        name="activation-calls-scipy",
        why="scipy.special inside a from-scratch exercise earns nothing (sigmoid and GELU need only numpy and math)",
        cells={"activation": "from scipy import special\n" + activation_with(
            sigmoid="""value = special.expit(z)
        return value, value * (1.0 - value)""",
            gelu="""cdf = special.ndtr(z)
        return z * cdf, cdf + z * np.exp(-0.5 * z**2) / math.sqrt(2.0 * math.pi)""")},
        fails={ACT_VALUES, ACT_GRADS},
    ),
    Variant(
        name="activation-unknown-name-silently-linear",
        why="an unknown activation name falls through to the identity instead of raising ValueError",
        cells={"activation": activation_with(unknown="return z, np.ones_like(z)")},
        fails={ACT_EDGE},
    ),
    # ------------------------------------------------------------------------------------ 2.1 shapes and conv2d
    Variant(
        name="conv-shapes-ceil",
        why="rounds (H + 2P - k) / s up; a window that sticks out of the padded input is dropped, so it is the floor",
        cells={"conv-shapes": CONV_SHAPES.format(h_out="-(-(height + 2 * padding - kh) // stride) + 1",
                                                 w_out="-(-(width + 2 * padding - kw) // stride) + 1", params=PARAMS)},
        fails={"test-conv-shapes"},
    ),
    Variant(
        name="conv-shapes-padding-one-side",
        why="adds P once; padding P puts P rows of zeros at the top AND at the bottom (2P in total)",
        cells={"conv-shapes": CONV_SHAPES.format(h_out="(height + padding - kh) // stride + 1",
                                                 w_out="(width + padding - kw) // stride + 1", params=PARAMS)},
        fails={"test-conv-shapes"},
    ),
    Variant(
        name="conv-params-without-bias",
        why="forgets the one bias per filter in the parameter count",
        cells={"conv-shapes": CONV_SHAPES.format(h_out=FLOOR_H, w_out=FLOOR_W, params="out_channels * in_channels * kh * kw")},
        fails={"test-conv-shapes"},
    ),
    Variant(
        name="conv-params-without-input-channels",
        why="counts k_h * k_w weights per filter; each filter spans every input channel (C_in * k_h * k_w weights)",
        cells={"conv-shapes": CONV_SHAPES.format(h_out=FLOOR_H, w_out=FLOOR_W,
                                                 params="out_channels * (kh * kw + (1 if bias else 0))")},
        fails={"test-conv-shapes"},
    ),
    Variant(
        name="conv2d-flipped-kernel",
        why="flips the kernel (a true convolution, scipy's convolve2d); deep-learning 'convolution' is a cross-correlation",
        cells={"conv2d": conv2d_with(kernel="w[:, :, ::-1, ::-1]")},
        fails={CONV_BASIC, CONV_STRIDE},
    ),
    Variant(
        name="conv2d-padding-ignored",
        why="never pads the input, so the output is too small and the border positions are missing",
        cells={"conv2d": conv2d_with(padded="x")},
        fails={CONV_STRIDE},
    ),
    Variant(
        name="conv2d-stride-ignored-in-window",
        why="the window of output (i, j) starts at row i * stride and column j * stride, not at (i, j)",
        cells={"conv2d": conv2d_with(rows="i:i + kh", cols="j:j + kw")},
        fails={CONV_STRIDE},
    ),
    Variant(
        name="conv2d-no-bias",
        why="forgets to add each filter's bias to its feature map",
        cells={"conv2d": conv2d_with(bias="")},
        fails={CONV_BASIC, CONV_STRIDE},
    ),
    Variant(
        name="conv2d-calls-scipy",
        why="scipy.signal.correlate2d inside a from-scratch exercise earns nothing",
        cells={"conv2d": """
            from scipy.signal import correlate2d

            def conv2d(x, w, b, stride=1, padding=0):
                x, w, b = (np.asarray(a, dtype=float) for a in (x, w, b))
                padded = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
                return np.array([sum(correlate2d(padded[c], w[o, c], mode="valid") for c in range(x.shape[0]))
                                 [::stride, ::stride] + b[o] for o in range(w.shape[0])])
        """},
        fails={CONV_BASIC, CONV_STRIDE},
    ),
    # ------------------------------------------------------------------------------------ 2.2 max pooling
    Variant(
        name="pool-average",
        why="averages each window (average pooling) instead of keeping its maximum",
        cells={"max-pool": POOL_CODE.format(
            stride_rule="stride is None",
            reduce="x[:, i * stride:i * stride + size, j * stride:j * stride + size].mean(axis=(1, 2))")},
        fails={POOL, POOL_BORDER},
    ),
    Variant(
        name="pool-ceil-mode",
        why="keeps partial windows at the bottom and right border (ceil mode); the default drops them",
        cells={"max-pool": """
            def max_pool2d(x, size, stride=None):
                x = np.asarray(x, dtype=float)
                stride = size if stride is None else stride
                channels, height, width = x.shape
                h_out, w_out = -(-(height - size) // stride) + 1, -(-(width - size) // stride) + 1
                out = np.empty((channels, h_out, w_out))
                for i in range(h_out):
                    for j in range(w_out):
                        out[:, i, j] = x[:, i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(1, 2))
                return out
        """},
        fails={POOL, POOL_BORDER},
    ),
    Variant(
        name="pool-stride-always-size",
        why="ignores the stride argument and always moves the window by its size",
        cells={"max-pool": POOL_CODE.format(stride_rule="True", reduce=POOL_OK["reduce"])},
        fails={POOL},
    ),
    Variant(
        name="pool-across-channels",
        why="takes one maximum over all channels of the window; pooling works channel by channel",
        cells={"max-pool": POOL_CODE.format(
            stride_rule="stride is None",
            reduce="x[:, i * stride:i * stride + size, j * stride:j * stride + size].max()")},
        fails={POOL, POOL_BORDER},
    ),
    # ------------------------------------------------------------------------------------ 2.3 backward
    Variant(
        name="backward-overwrites-overlaps",
        why="assigns the input gradient of each window instead of adding it: overlapping windows must accumulate",
        cells={"conv-backward": backward_with(accumulate="=")},
        fails={BACK_1, BACK_S},
    ),
    Variant(
        name="backward-db-mean",
        why="averages grad_out for the bias gradient; the bias is added at every position, so its gradient is the sum",
        cells={"conv-backward": backward_with(db="grad_out.mean(axis=(1, 2))")},
        fails={BACK_1, BACK_S},
    ),
    Variant(
        name="backward-padding-not-cropped",
        why="returns the gradient of the padded input; the padding zeros are constants, so crop them off",
        cells={"conv-backward": backward_with(dx="d_padded")},
        fails={BACK_SHAPES, BACK_1, BACK_S},
    ),
    Variant(
        name="backward-dw-ignores-stride",
        why="takes the weight gradient's window at (i, j) instead of (i * stride, j * stride)",
        cells={"conv-backward": backward_with(dw_rows="i:i + kh", dw_cols="j:j + kw")},
        fails={BACK_S},
    ),
    Variant(
        name="backward-dx-flipped-kernel",
        why="flips the kernel when scattering the gradient back; with the explicit loop the same w that was applied "
            "is what multiplies the gradient",
        cells={"conv-backward": backward_with(kernel="w[:, :, ::-1, ::-1]")},
        fails={BACK_1, BACK_S},
    ),
    # ------------------------------------------------------------------------------------ 3.1 RNN
    Variant(
        name="rnn-recurrence-transposed",
        why="computes h W_hh (row vector) instead of W_hh h: the recurrent matrix acts transposed",
        cells={"rnn-forward": """
            def rnn_forward(X, h0, W_xh, W_hh, b):
                h = np.asarray(h0, dtype=float)
                states = []
                for x_t in np.asarray(X, dtype=float):
                    h = np.tanh(W_xh @ x_t + h @ W_hh + b)
                    states.append(h)
                return np.array(states)
        """},
        fails={"test-rnn-forward"},
    ),
    Variant(
        name="rnn-relu",
        why="uses ReLU instead of tanh as the recurrent non-linearity",
        cells={"rnn-forward": """
            def rnn_forward(X, h0, W_xh, W_hh, b):
                h = np.asarray(h0, dtype=float)
                states = []
                for x_t in np.asarray(X, dtype=float):
                    h = np.maximum(W_xh @ x_t + W_hh @ h + b, 0.0)
                    states.append(h)
                return np.array(states)
        """},
        fails={"test-rnn-forward"},
    ),
    Variant(
        name="rnn-includes-h0",
        why="returns T + 1 rows: the initial state h0 is an input, not one of the hidden states h_1..h_T",
        cells={"rnn-forward": """
            def rnn_forward(X, h0, W_xh, W_hh, b):
                h = np.asarray(h0, dtype=float)
                states = [h]
                for x_t in np.asarray(X, dtype=float):
                    h = np.tanh(W_xh @ x_t + W_hh @ h + b)
                    states.append(h)
                return np.array(states)
        """},
        fails={"test-rnn-forward"},
    ),
    Variant(
        name="norms-product-wrong-side",
        why="multiplies each new Jacobian on the left; d h_T / d h_(T-k) = J_T ... J_(T-k+1), so new factors go on the right",
        cells={"gradient-norms": norms_with(product="jacobian @ product")},
        fails={NORMS_PRODUCT},
    ),
    Variant(
        name="norms-frobenius",
        why="uses the Frobenius norm; the spectral norm (largest singular value) is the one asked",
        cells={"gradient-norms": norms_with(norm="np.linalg.norm(product)")},
        fails={NORMS_PRODUCT, NORMS_RADIUS},
    ),
    Variant(
        name="norms-without-tanh-derivative",
        why="uses J_t = W_hh and forgets the diag(1 - h_t^2) factor of the tanh",
        cells={"gradient-norms": norms_with(jacobian="W_hh")},
        fails={NORMS_PRODUCT},
    ),
    Variant(
        name="norms-previous-state-derivative",
        why="evaluates the tanh derivative at h_(t-1); J_t = diag(1 - h_t^2) W_hh uses the state the step produced",
        cells={"gradient-norms": norms_with(state="H[t - 1] if t > 0 else np.zeros(H.shape[1])")},
        fails={NORMS_PRODUCT},
    ),
    Variant(
        name="norms-reversed-order",
        why="returns the norms from k = T down to k = 1; entry k - 1 must belong to k steps back",
        cells={"gradient-norms": norms_with(order="[::-1]")},
        fails={NORMS_PRODUCT, NORMS_RADIUS},
    ),
    # ------------------------------------------------------------------------------------ 3.2 LSTM
    Variant(
        name="lstm-keras-gate-order",
        why="reads the gates in the order i, f, c, o (Keras) instead of i, f, g, o: the candidate and output blocks are swapped",
        cells={"lstm-step": lstm_with(gates="i, f, g, o = sigmoid(z[:n]), sigmoid(z[n:2 * n]), np.tanh(z[3 * n:]), "
                                            "sigmoid(z[2 * n:3 * n])")},
        fails={"test-lstm-step"},
    ),
    Variant(
        name="lstm-hidden-without-tanh",
        why="h = o * c forgets the tanh that squashes the cell state before the output gate",
        cells={"lstm-step": lstm_with(hidden="o * c")},
        fails={"test-lstm-step"},
    ),
    Variant(
        name="lstm-no-input-gate",
        why="adds the candidate g without the input gate i, so the cell cannot refuse new information",
        cells={"lstm-step": lstm_with(cell="f * c_prev + g")},
        fails={"test-lstm-step", "test-lstm-carousel"},
    ),
    Variant(
        name="lstm-output-of-previous-cell",
        why="computes h from the previous cell state; h_t = o * tanh(c_t) uses the cell state just updated",
        cells={"lstm-step": lstm_with(hidden="o * np.tanh(c_prev)")},
        fails={"test-lstm-step"},
    ),
    Variant(
        name="lstm-forget-gate-inverted",
        why="multiplies the previous cell state by (1 - f): the forget gate keeps what it lets through",
        cells={"lstm-step": lstm_with(cell="(1.0 - f) * c_prev + i * g")},
        fails={"test-lstm-step", "test-lstm-carousel"},
    ),
    # ------------------------------------------------------------------------------------ 4.1 dropout
    Variant(
        name="dropout-not-inverted",
        why="classic (non-inverted) dropout: no 1 / (1 - p) in training and a (1 - p) factor at evaluation",
        cells={"dropout": dropout_with(evaluation="return x * (1.0 - p)", train_out="x * keep")},
        fails={DROP_MASK, DROP_MEAN, DROP_EVAL},
    ),
    Variant(
        name="dropout-keep-probability-p",
        why="keeps each entry with probability p; p is the probability of dropping it",
        cells={"dropout": dropout_with(keep="rng.random(x.shape) < p")},
        fails={DROP_MASK, DROP_MEAN, DROP_EVAL},  # with p = 0 it drops everything
    ),
    Variant(
        name="dropout-mask-from-other-tail",
        why="keeps where u >= p: the right share survives, but not the mask the rule fixes (u < 1 - p)",
        cells={"dropout": dropout_with(keep="rng.random(x.shape) >= p")},
        fails={DROP_MASK},
    ),
    Variant(
        name="dropout-draws-at-evaluation",
        why="draws a mask even at evaluation time, which shifts the random stream of training",
        cells={"dropout": dropout_with(evaluation="rng.random(x.shape)\n        return x.copy()")},
        fails={DROP_EVAL},
    ),
    Variant(
        name="dropout-no-validation",
        why="accepts p = 1 (and negative p): nothing survives and the scale 1 / (1 - p) is infinite",
        cells={"dropout": dropout_with(check="pass")},
        fails={DROP_EVAL},
    ),
    # ------------------------------------------------------------------------------------ 5.1 attention
    Variant(
        name="attention-no-scaling",
        why="forgets to divide the scores by sqrt(d_k)",
        cells={"attention": attention_with(scale="1.0")},
        fails={ATT_BASIC, ATT_CAUSAL},
    ),
    Variant(
        name="attention-scaled-by-dk",
        why="divides the scores by d_k instead of sqrt(d_k)",
        cells={"attention": attention_with(scale="Q.shape[1]")},
        fails={ATT_BASIC, ATT_CAUSAL},
    ),
    Variant(
        name="attention-unstable-softmax",
        why="exponentiates the raw scores: large scores overflow to inf / inf = NaN; subtract each row's maximum first",
        cells={"attention": attention_with(stabilise="pass")},
        fails={ATT_BASIC},
    ),
    Variant(
        name="attention-mask-hides-diagonal",
        why="masks j >= i instead of j > i: a query must see itself (otherwise the first row is all -inf, NaN)",
        cells={"attention": attention_with(allowed="np.tril(np.ones(scores.shape, dtype=bool), k=-1)")},
        fails={ATT_CAUSAL},
    ),
    Variant(
        name="attention-mask-sees-future",
        why="keeps the keys j >= i (upper triangle): the mask must hide the future, not the past",
        cells={"attention": attention_with(allowed="np.triu(np.ones(scores.shape, dtype=bool))")},
        fails={ATT_CAUSAL},
    ),
    Variant(
        name="attention-mask-after-softmax",
        why="zeroes the future weights after the softmax without renormalising, so the rows no longer sum to 1",
        cells={"attention": """
            def attention(Q, K, V, causal=False):
                Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
                scores = Q @ K.T / np.sqrt(Q.shape[1])
                scores = scores - scores.max(axis=1, keepdims=True)
                weights = np.exp(scores)
                weights /= weights.sum(axis=1, keepdims=True)
                if causal:
                    weights = weights * np.tril(np.ones(weights.shape))
                return weights @ V, weights
        """},
        fails={ATT_CAUSAL},
    ),
    Variant(
        name="positions-concatenated-halves",
        why="puts all sines in the first half and all cosines in the second (a common variant, but not the interleaved "
            "layout asked)",
        cells={"positions": positions_with(fill="half = d_model // 2\n    encodings[:, :half] = np.sin(angles)\n"
                                                "    encodings[:, half:] = np.cos(angles)")},
        fails={"test-positions"},
    ),
    Variant(
        name="positions-exponent-pair-index",
        why="uses m / d as the exponent instead of 2m / d, so the frequencies decay half as fast",
        cells={"positions": positions_with(exponent="np.arange(d_model // 2) / d_model")},
        fails={"test-positions"},
    ),
    Variant(
        name="positions-odd-dimension-accepted",
        why="accepts an odd d_model (dropping the last cosine) instead of raising ValueError",
        cells={"positions": positions_with(
            check="pass",
            fill="encodings[:, 0::2] = np.sin(angles)\n    encodings[:, 1::2] = np.cos(angles[:, : d_model // 2])")},
        fails={"test-positions"},
    ),
]

# Mutants that no test can tell from the reference, each with the reason (course validate --mutants).
EQUIVALENT_MUTANTS = {
    "dropout@67104d3d": "differs only when a draw of rng.random() equals 1 - p exactly (probability about 2**-53 "
                        "per draw); no seed a test could search finds one",
    "activation@b2c6fc83": "at z == 0 both branches of the stable sigmoid give 0.5 (1 / (1 + 1) and 1 / (1 + 1))",
    "activation@5b98678b": "at z == 0 leaky ReLU's two branches give the same value (0 and 0.01 * 0)",
    "lstm-step@977ad846": "at v == 0 both branches of the stable sigmoid give 0.5",
}
