package id.serambi.analysis;

import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;

/**
 * {@code "type": "edge_ngram"} tokenizer: Lucene's EdgeNGramTokenizer with {@code min_gram},
 * {@code max_gram} and {@code token_chars} (letter, digit, whitespace, punctuation, symbol;
 * none given: every character belongs to a token, as in analysis-common).
 */
@NamedComponent("edge_ngram")
public class EdgeNGramTokenizerFactory implements TokenizerFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min_gram", defaultValue = 1)
        int minGram();

        @IntSetting(path = "max_gram", defaultValue = 2)
        int maxGram();

        @ListSetting(path = "token_chars")
        List<String> tokenChars();
    }

    private final int minGram;
    private final int maxGram;
    private final boolean letter;
    private final boolean digit;
    private final boolean whitespace;
    private final boolean punctuation;
    private final boolean symbol;
    private final boolean any;

    @Inject
    public EdgeNGramTokenizerFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        List<String> chars = settings.tokenChars() == null ? List.of() : settings.tokenChars();
        boolean letter = false, digit = false, whitespace = false, punctuation = false,
            symbol = false;
        for (String kind : chars) {
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "letter" -> letter = true;
                case "digit" -> digit = true;
                case "whitespace" -> whitespace = true;
                case "punctuation" -> punctuation = true;
                case "symbol" -> symbol = true;
                default -> throw new IllegalArgumentException(
                    "serambi-analysis: unknown token_chars [" + kind + "]");
            }
        }
        this.letter = letter;
        this.digit = digit;
        this.whitespace = whitespace;
        this.punctuation = punctuation;
        this.symbol = symbol;
        this.any = chars.isEmpty();
    }

    private boolean isTokenChar(int c) {
        if (any) {
            return true;
        }
        if (letter && Character.isLetter(c)) {
            return true;
        }
        if (digit && Character.isDigit(c)) {
            return true;
        }
        if (whitespace && Character.isWhitespace(c)) {
            return true;
        }
        int type = Character.getType(c);
        if (punctuation) {
            switch (type) {
                case Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION -> {
                    return true;
                }
                default -> { }
            }
        }
        if (symbol) {
            switch (type) {
                case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> {
                    return true;
                }
                default -> { }
            }
        }
        return false;
    }

    @Override
    public Tokenizer create() {
        return new EdgeNGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return EdgeNGramTokenizerFactory.this.isTokenChar(chr);
            }
        };
    }
}
