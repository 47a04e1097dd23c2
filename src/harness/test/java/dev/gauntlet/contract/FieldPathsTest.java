package dev.gauntlet.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void arraysAreNormalisedToBrackets() {
        assertEquals(Set.of("items", "items[].sku", "items[].tags", "page"),
                FieldPaths.of(json("{'items':[{'sku':'a','tags':['x']},{'sku':'b'}],'page':1}")));
    }

    @Test
    void nestedObjectsAndNullsAreFields() {
        assertEquals(Set.of("cost", "cost.amount", "cost.currency", "note"),
                FieldPaths.of(json("{'cost':{'amount':1,'currency':'EUR'},'note':null}")));
    }

    @Test
    void aBodyThatIsAnArrayOrAScalarOrMissing() {
        assertEquals(Set.of("[].id", "[].lines", "[].lines[][].n"), FieldPaths.of(json("[{'id':1,'lines':[[{'n':1}]]}]")));
        assertEquals(Set.of(), FieldPaths.of(json("42")));
        assertEquals(Set.of(), FieldPaths.of(null));
    }

    @Test
    void unmentionedReportsTheTopmostPathOnly() {
        Set<String> actual = FieldPaths.of(json("{'id':1,'cost':{'amount':1},'items':[{'sku':'a','secret':1}]}"));
        Set<String> mentioned = FieldPaths.of(json("{'id':1,'items':[{'sku':'a'}]}"));
        assertEquals(List.of("cost", "items[].secret"), FieldPaths.unmentioned(actual, mentioned));
        assertEquals(List.of(), FieldPaths.unmentioned(mentioned, actual));
    }

    @Test
    void parentSkipsArrayBrackets() {
        assertEquals("items", FieldPaths.parent("items[].sku"));
        assertEquals("a.b", FieldPaths.parent("a.b[][].c"));
        assertNull(FieldPaths.parent("page"));
        assertNull(FieldPaths.parent("[].id"));
    }
}
