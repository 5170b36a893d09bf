from walle import cv

SIZE = 8


def to_input(png_bytes):
    """PNG/JPEG bytes -> (1, 64) float input: 8x8 grey, scaled to [-1, 1]."""
    img = cv.decode(png_bytes, mode='RGB')
    img = cv.resize(img, (SIZE, SIZE))
    grey = cv.cvt_color(img, 'RGB2GRAY')
    return cv.normalize(grey, [0.5], [0.5]).reshape(1, SIZE * SIZE)
