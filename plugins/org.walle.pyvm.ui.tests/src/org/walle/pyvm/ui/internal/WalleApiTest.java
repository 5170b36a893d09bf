package org.walle.pyvm.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WalleApiTest {
    @Test
    void completesSubmodulesAndFunctions() {
        assertTrue(WalleApi.complete("walle.").contains("walle.np"));
        assertEquals(List.of("walle.np"), WalleApi.complete("walle.n"));
        assertEquals(List.of("walle.np.argmax", "walle.np.argmin"), WalleApi.complete("walle.np.argm"));
        assertTrue(WalleApi.complete("wal").contains("walle"));
    }

    @Test
    void unknownOrEmptyPrefixesProposeNothing() {
        // hostile-ish input: empty, unrelated, a typo'd submodule
        assertEquals(List.of(), WalleApi.complete(""));
        assertEquals(List.of(), WalleApi.complete("numpy."));
        assertEquals(List.of(), WalleApi.complete("walle.nq."));
    }

    @Test
    void apiNamesAreRecognisedExactly() {
        assertTrue(WalleApi.isApiName("walle.output.emit"));
        assertTrue(WalleApi.isApiName("walle.np"));
        assertFalse(WalleApi.isApiName("walle.np.nosuch"));
        assertFalse(WalleApi.isApiName("wallet"));
        assertFalse(WalleApi.isApiName("walle.np.array.x"));
    }
}
