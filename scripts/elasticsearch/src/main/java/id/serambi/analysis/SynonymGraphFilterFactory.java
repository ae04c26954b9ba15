package id.serambi.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;

/**
 * {@code "type": "synonym_graph"} with inline {@code synonyms} in Solr format, {@code expand}
 * and {@code lenient} (a rule that does not parse is skipped instead of failing the index).
 * Search time only, as in analysis-common.
 *
 * <p>Difference from analysis-common: the rules are analysed with the standard tokenizer,
 * lowercase and asciifolding (analysis-common uses the chain before the filter, which in
 * Serambi's search analyzer is exactly that).
 */
@NamedComponent("synonym_graph")
public class SynonymGraphFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "synonyms")
        List<String> synonyms();

        @BooleanSetting(path = "expand", defaultValue = true)
        boolean expand();

        @BooleanSetting(path = "lenient", defaultValue = false)
        boolean lenient();
    }

    private static final class RuleAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    private final SynonymMap map;

    @Inject
    public SynonymGraphFilterFactory(Settings settings) {
        List<String> rules = settings.synonyms() == null ? List.of() : settings.synonyms();
        try (Analyzer analyzer = new RuleAnalyzer()) {
            List<String> accepted = new ArrayList<>();
            for (String rule : rules) {
                try {
                    parse(List.of(rule), settings.expand(), analyzer);
                    accepted.add(rule);
                } catch (IOException | ParseException | IllegalArgumentException e) {
                    if (!settings.lenient()) {
                        throw new IllegalArgumentException(
                            "failed to build synonyms: invalid rule [" + rule + "]", e);
                    }
                }
            }
            this.map = parse(accepted, settings.expand(), analyzer);
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("failed to build synonyms", e);
        }
    }

    private static SynonymMap parse(List<String> rules, boolean expand, Analyzer analyzer)
            throws IOException, ParseException {
        SolrSynonymParser parser = new SolrSynonymParser(true, expand, analyzer);
        parser.parse(new StringReader(String.join("\n", rules)));
        return parser.build();
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return map.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, map, true);
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return AnalysisMode.SEARCH_TIME;
    }
}
