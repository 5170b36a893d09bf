# Pre-processing: the matched click_item > add_to_cart events -> a (1, 4) float vector for the model.
import math
from walle import np


def vector(events, carts_before):
    first, last = events[0], events[-1]
    seconds = (last['timestamp'] - first['timestamp']) / 1000.0
    quickness = math.exp(-seconds / 10.0)    # 1 for an instant decision, near 0 after a minute
    on_item_page = 1.0 if last['page_id'] == 'item_detail' else 0.0
    repeat = min(carts_before, 5) / 5.0      # carts earlier on this device, capped
    item_known = 1.0 if first['args'].get('item') else 0.0
    return np.clip(np.array([[quickness, on_item_page, repeat, item_known]]), 0.0, 1.0)
