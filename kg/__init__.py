"""The graph side of the project: model, Neo4j server, schema, loader, queries, RDF, views."""
