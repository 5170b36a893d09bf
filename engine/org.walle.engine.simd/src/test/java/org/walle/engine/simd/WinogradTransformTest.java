package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The generated matrices compute correlation EXACTLY: the 1D algorithm is bilinear, so checking it on every pair
 * of basis vectors (g = e_a, d = e_b) in rational arithmetic proves it for all inputs.
 */
class WinogradTransformTest {

    @ParameterizedTest
    @CsvSource({"2,3", "4,3", "6,3", "3,2", "2,5", "1,3", "5,4"})
    void exactOnAllBasisPairs(int m, int r) {
        WinogradTransform t = WinogradTransform.standard(m, r);
        Rational[][] at = t.exactAt();
        Rational[][] g = t.exactG();
        Rational[][] bt = t.exactBt();
        int alpha = m + r - 1;
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < alpha; b++) {
                for (int i = 0; i < m; i++) {
                    Rational y = Rational.ZERO;
                    for (int j = 0; j < alpha; j++) {
                        y = y.add(at[i][j].multiply(g[j][a]).multiply(bt[j][b]));
                    }
                    Rational expected = b - i == a ? Rational.ONE : Rational.ZERO;
                    assertEquals(expected, y, "F(" + m + "," + r + ") y" + i + " for g=e" + a + " d=e" + b);
                }
            }
        }
    }

    @Test
    void f23WithPointsZeroOneMinusOneGivesLavinsIntegerInputTransform() {
        WinogradTransform t = WinogradTransform.standard(2, 3);
        // rows = coefficients of prod_{k != j}(x - p_k): (x-1)(x+1), x(x+1), x(x-1), x(x-1)(x+1)
        assertArrayEquals(new float[] {-1, 0, 1, 0, 0, 1, 1, 0, 0, -1, 1, 0, 0, -1, 0, 1}, t.bt());
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 1, -1, 1}, t.at());
        assertArrayEquals(new float[] {-1, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f, -0.5f, 0.5f, 0, 0, 1}, t.g());
    }

    @Test
    void pointsAreValidated() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WinogradTransform.generate(2, 3, List.of(Rational.ZERO, Rational.ONE)));
        assertTrue(e.getMessage().contains("needs 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WinogradTransform.generate(2, 3, List.of(Rational.ZERO, Rational.ONE, Rational.of(2, 2))));
        assertTrue(e.getMessage().contains("distinct"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rational.parse("1/x"));
        assertTrue(e.getMessage().contains("1/x"), e.getMessage());
    }

    @Test
    void customPointsStillExact() {
        WinogradTransform t = WinogradTransform.generate(2, 3,
                List.of(Rational.parse("3"), Rational.parse("-1/3"), Rational.parse("5/2")));
        assertEquals(4, t.inputTile());
        Rational[][] at = t.exactAt();
        Rational[][] g = t.exactG();
        Rational[][] bt = t.exactBt();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 4; b++) {
                for (int i = 0; i < 2; i++) {
                    Rational y = Rational.ZERO;
                    for (int j = 0; j < 4; j++) {
                        y = y.add(at[i][j].multiply(g[j][a]).multiply(bt[j][b]));
                    }
                    assertEquals(b - i == a ? Rational.ONE : Rational.ZERO, y);
                }
            }
        }
    }
}
