import sys

from plansite.cli import main

sys.exit(main())
