"""The pattern readers: each reads one part of the form (boxes, table lines and their cells,
titles, explanations, signatures, a joint filing's owners) where its layout settles the
reading, and abstains where it does not."""
