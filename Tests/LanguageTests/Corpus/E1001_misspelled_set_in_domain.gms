Sets nodes 'buses' / n1*n4 /
     t     'hours' / h1*h3 /;
Parameter inj(nodes,t) 'net injection';
Variable theta(node,t) 'voltage angle';
inj(nodes,t) = 1;
Display inj;
