package org.walle.pyvm.ui;

import java.util.List;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.IWordDetector;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.NumberRule;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WhitespaceRule;
import org.eclipse.jface.text.rules.WordRule;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.walle.pyvm.ui.internal.WalleApi;

/** Colours Python 2.7 (the task VM's language): keywords, strings, comments, numbers and the walle API. */
public final class PythonScanner extends RuleBasedScanner {
    public static final RGB KEYWORD = new RGB(127, 0, 85);
    public static final RGB STRING = new RGB(42, 0, 255);
    public static final RGB COMMENT = new RGB(63, 127, 95);
    public static final RGB NUMBER = new RGB(125, 80, 0);
    public static final RGB WALLE = new RGB(0, 110, 160);

    static final List<String> KEYWORDS = List.of("and", "as", "assert", "break", "class", "continue", "def", "del",
            "elif", "else", "except", "exec", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "not", "or", "pass", "print", "raise", "return", "try", "while", "with", "yield", "None",
            "True", "False");

    public PythonScanner() {
        IToken keyword = token(KEYWORD, SWT.BOLD);
        IToken string = token(STRING, SWT.NORMAL);
        IToken comment = token(COMMENT, SWT.ITALIC);
        IToken number = token(NUMBER, SWT.NORMAL);
        IToken walle = token(WALLE, SWT.BOLD);
        IToken plain = new Token(new TextAttribute(null)); // the scanner needs a token with data
        // an identifier is consumed whole, so "main" is not coloured as the keyword "in"
        WordRule words = new WordRule(new Identifier(), plain);
        KEYWORDS.forEach(k -> words.addWord(k, keyword));
        setRules(new IRule[] {
            new EndOfLineRule("#", comment),
            new MultiLineRule("\"\"\"", "\"\"\"", string, '\\'),
            new MultiLineRule("'''", "'''", string, '\\'),
            new SingleLineRule("\"", "\"", string, '\\'),
            new SingleLineRule("'", "'", string, '\\'),
            new WalleRule(walle),
            words,
            new NumberRule(number),
            new WhitespaceRule(Character::isWhitespace),
        });
        setDefaultReturnToken(plain);
    }

    private static IToken token(RGB rgb, int style) {
        return new Token(new TextAttribute(new Color(rgb), null, style));
    }

    private static final class Identifier implements IWordDetector {
        @Override
        public boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        @Override
        public boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
    }

    /**
     * Matches a dotted name starting with {@code walle} that the API defines ({@code walle}, {@code walle.np},
     * {@code walle.np.argmax}); {@code walle_x} or {@code mywalle} stay plain identifiers.
     */
    private static final class WalleRule implements IRule {
        private final IToken token;

        WalleRule(IToken token) {
            this.token = token;
        }

        @Override
        public IToken evaluate(ICharacterScanner scanner) {
            scanner.unread();
            int before = scanner.read();
            if (before != ICharacterScanner.EOF && (Character.isLetterOrDigit(before) || before == '_'
                    || before == '.')) {
                return Token.UNDEFINED;
            }
            StringBuilder name = new StringBuilder();
            int c = scanner.read();
            while (c != ICharacterScanner.EOF && (Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                name.append((char) c);
                c = scanner.read();
            }
            scanner.unread();
            // longest prefix that is an API name, ending at a name boundary
            String s = name.toString();
            for (int end = s.length(); end >= 5; end--) {
                String candidate = s.substring(0, end);
                boolean boundary = end == s.length() || s.charAt(end) == '.';
                if (boundary && WalleApi.isApiName(candidate)) {
                    for (int i = end; i < s.length(); i++) {
                        scanner.unread();
                    }
                    return token;
                }
            }
            for (int i = 0; i < s.length(); i++) {
                scanner.unread();
            }
            return Token.UNDEFINED;
        }
    }
}
