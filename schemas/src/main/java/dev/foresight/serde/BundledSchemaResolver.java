package dev.foresight.serde;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.ParsedSchemaImpl;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.SchemaParser;
import io.apicurio.registry.resolver.SchemaResolver;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import io.apicurio.registry.rest.client.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Resolves schemas from {@link BundledSchemas} instead of a registry server, keeping Apicurio's
 * Confluent-format framing: the embedded default and the tests need no registry.
 */
public final class BundledSchemaResolver implements SchemaResolver<Schema, Object> {

    private final BundledSchemas schemas = BundledSchemas.instance();
    private SchemaParser<Schema, Object> parser;

    @Override
    public void configure(Map<String, ?> configs, SchemaParser<Schema, Object> schemaParser) {
        this.parser = schemaParser;
    }

    @Override
    public void setClient(RegistryClient client) {
        // no registry: schemas are bundled
    }

    @Override
    public void setArtifactResolverStrategy(ArtifactReferenceResolverStrategy<Schema, Object> strategy) {
        // artifacts are addressed by fingerprint id, not by subject
    }

    @Override
    public SchemaParser<Schema, Object> getSchemaParser() {
        return parser;
    }

    @Override
    public SchemaLookupResult<Schema> resolveSchema(Record<Object> data) {
        Schema schema = parser.getSchemaFromData(data).getParsedSchema();
        int id = BundledSchemas.idOf(schema);
        if (schemas.byId(id).isEmpty()) {
            throw new SerializationException("schema " + schema.getFullName() + " is not bundled in schemas/");
        }
        return result(id, schema);
    }

    @Override
    public SchemaLookupResult<Schema> resolveSchemaByArtifactReference(ArtifactReference reference) {
        Long id = reference.getContentId() != null ? reference.getContentId() : reference.getGlobalId();
        if (id == null) {
            throw new SerializationException("record carries no schema id");
        }
        Schema schema = schemas.byId(id.intValue())
                .orElseThrow(() -> new SerializationException("unknown schema id " + id));
        return result(id.intValue(), schema);
    }

    private static SchemaLookupResult<Schema> result(int id, Schema schema) {
        ParsedSchema<Schema> parsed = new ParsedSchemaImpl<Schema>()
                .setParsedSchema(schema)
                .setRawSchema(schema.toString().getBytes(StandardCharsets.UTF_8));
        return SchemaLookupResult.<Schema>builder()
                .parsedSchema(parsed)
                .contentId(id)
                .globalId(id)
                .artifactId(schema.getFullName())
                .build();
    }

    @Override
    public void reset() {
        // nothing cached beyond the immutable bundle
    }

    @Override
    public void close() {
        // nothing to release
    }
}
