$title Report logic without a solve: dynamic sets, if/elseif/else, display$, sameAs
*  Six substations with loadings in percent of rating. By hand: overloaded (> 100) s2 and
*  s5; warning band (80-100] s1 and s4; the rest normal. The distance matrix has zero
*  diagonal (sameAs); the farthest pair is s1-s6 (5 steps apart in the list).
*! card over = 2
*! card warn = 2
*! status(s2) = 2
*! status(s4) = 1
*! status(s3) = 0
*! worst = 130
*! dist(s1,s6) = 5
*! dist(s3,s3) = 0
*! maxDist = 5
Set s 'substations' / s1*s6 /
    over(s) 'overloaded', warn(s) 'in the warning band';
Alias (s,ss);
Parameters loading(s) 'percent of rating' / s1 95, s2 130, s3 60, s4 85, s5 101, s6 40 /
           status(s) '0 normal, 1 warning, 2 overloaded'
           dist(s,ss) 'steps between substations';
Scalars worst, maxDist;
over(s) = loading(s) > 100;
warn(s) = loading(s) > 80 and not over(s);
loop(s,
   if(over(s),
      status(s) = 2;
   elseif warn(s),
      status(s) = 1;
   else
      status(s) = 0;
   );
);
worst = smax(s, loading(s));
dist(s,ss)$(not sameAs(s,ss)) = abs(ord(s) - ord(ss));
maxDist = smax((s,ss), dist(s,ss));
display$(card(over) > 0) 'overloaded substations', over;
display$(card(over) > 10) 'this is never shown', loading;
display warn, status, worst, dist, maxDist;
