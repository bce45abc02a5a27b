from pathfinder.cli import main

main()
