package org.walle.engine.simd;

import java.math.BigInteger;

/** An exact fraction in lowest terms with a positive denominator; the Winograd generator computes with these. */
public record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {

    public static final Rational ZERO = of(0);
    public static final Rational ONE = of(1);

    public Rational {
        if (den.signum() == 0) {
            throw new ArithmeticException("rational with zero denominator: " + num + "/0");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
        if (num.signum() == 0) {
            den = BigInteger.ONE;
        }
    }

    public static Rational of(long value) {
        return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
    }

    public static Rational of(long num, long den) {
        return new Rational(BigInteger.valueOf(num), BigInteger.valueOf(den));
    }

    /** Parses {@code "3"}, {@code "-1/2"}. */
    public static Rational parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        try {
            if (slash < 0) {
                return new Rational(new BigInteger(t), BigInteger.ONE);
            }
            return new Rational(new BigInteger(t.substring(0, slash).trim()),
                    new BigInteger(t.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a rational number: '" + text + "'", e);
        }
    }

    public Rational add(Rational o) {
        return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    public Rational subtract(Rational o) {
        return add(o.negate());
    }

    public Rational multiply(Rational o) {
        return new Rational(num.multiply(o.num), den.multiply(o.den));
    }

    public Rational divide(Rational o) {
        return new Rational(num.multiply(o.den), den.multiply(o.num));
    }

    public Rational negate() {
        return new Rational(num.negate(), den);
    }

    public Rational pow(int e) {
        return new Rational(num.pow(e), den.pow(e));
    }

    public boolean isZero() {
        return num.signum() == 0;
    }

    public double toDouble() {
        return num.doubleValue() / den.doubleValue();
    }

    @Override
    public int compareTo(Rational o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    @Override
    public String toString() {
        return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
    }
}
