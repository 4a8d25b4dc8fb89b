"""Starting kccdesk: settings → store → line → services → window, all wired
here and nowhere else."""
