"""The model's plumbing: backends behind one interface, calls with retries and a cache, the
requests and the answers' schemas and grammars, and the embedded model's file."""
