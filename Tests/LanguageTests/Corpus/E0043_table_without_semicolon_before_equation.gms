Sets i / a, b /
     j / x, y /;
Variables z, v(i,j);
Equation cost;
Table c(i,j) 'unit cost'
         x     y
   a     1     2
   b     3     4
cost.. z =e= sum((i,j), c(i,j)*v(i,j));
Model m / all /;
