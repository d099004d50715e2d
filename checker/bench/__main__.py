"""`python -m checker.bench`: see checker.bench.run."""

from checker.bench.run import main

raise SystemExit(main())
