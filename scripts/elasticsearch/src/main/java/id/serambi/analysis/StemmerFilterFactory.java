package id.serambi.analysis;

import java.util.Locale;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code "type": "stemmer"} for the languages Serambi indexes: {@code indonesian} (Lucene's
 * IndonesianStemFilter, derivational affixes included, as analysis-common does) and
 * {@code english} (Porter). Any other language is refused when the index is created.
 */
@NamedComponent("stemmer")
public class StemmerFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "english")
        String language();

        @StringSetting(path = "name", defaultValue = "")
        String name();
    }

    private final String language;

    @Inject
    public StemmerFilterFactory(Settings settings) {
        String language = settings.name().isEmpty() ? settings.language() : settings.name();
        this.language = language.toLowerCase(Locale.ROOT);
        if (!this.language.equals("indonesian") && !this.language.equals("english")) {
            throw new IllegalArgumentException(
                "serambi-analysis: stemmer language [" + language + "] is not available on this "
                    + "test node (indonesian, english)");
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        if (language.equals("indonesian")) {
            return new IndonesianStemFilter(tokenStream, true);
        }
        return new PorterStemFilter(tokenStream);
    }
}
